/**
 * The hand-off desk: a question a person should answer goes to the staff Slack channel as the
 * parent of a new thread; what staff write in that thread goes back to the student on their own
 * channel. Both sides are told what happened.
 */
import { randomUUID } from 'node:crypto';
import type { Language } from '@passerelle/core';
import type { webApi } from '@slack/bolt';
import type { Channel, Handoff } from '../engine/types';
import { escapeMrkdwn, plainText, truncate } from '../slack/text';
import type { BotState, HandoffRecord } from '../state/types';
import {
  channelNames,
  languageNames,
  reasonLabels,
  staffReplyPrefix,
  staffUnreachable,
  staffWillAnswer,
} from './messages';

/** Where on the person's channel a reply should go, when the channel can say (Slack threads). */
export interface DeliveryTarget {
  conversationId: string;
  threadId?: string;
}

/** Delivers a staff reply to a person on their channel. The WeChat side implements it. */
export interface Deliverer {
  deliver(
    channel: Channel,
    channelUserId: string,
    text: string,
    target?: DeliveryTarget,
  ): Promise<void>;
}

/** A question to hand to a person. */
export interface HandoffRequest {
  channel: Channel;
  channelUserId: string;
  /** The person's name, when the channel knows it. */
  displayName?: string;
  conversationId: string;
  threadId?: string;
  language: Language;
  reason: Handoff['reason'];
  question: string;
  /** What the bot answered, so staff see what the student already read. */
  attempt: string;
  at: Date;
  /** The hand-off the engine saved (`Reply.handoff.id`): the desk adds the staff thread to it. */
  handoffId?: string;
}

export type HandoffOutcome =
  /** Posted in the staff channel; `notice` tells the student a person will answer. */
  | { opened: true; staffThreadId: string; notice: string; record: HandoffRecord }
  /** The staff channel could not be reached; `notice` says so. */
  | { opened: false; notice: string; error: string };

/** A message staff wrote in a thread of the hand-off channel. */
export interface StaffMessage {
  staffThreadId: string;
  staffUserId: string;
  /** As Slack sends it (mrkdwn with `<@U…>` mentions and `&amp;` escapes). */
  text: string;
}

export type RelayOutcome =
  | { status: 'delivered'; record: HandoffRecord }
  | { status: 'failed'; record: HandoffRecord; error: string }
  /** The thread is not a hand-off (or it expired): nothing was sent. */
  | { status: 'not_a_handoff' };

export interface HandoffDesk {
  /** The staff channel's id. */
  readonly channelId: string;
  open(request: HandoffRequest): Promise<HandoffOutcome>;
  relay(message: StaffMessage): Promise<RelayOutcome>;
  /** Adds (or replaces) the deliverer of a channel, e.g. WeChat's once its bot is up. */
  useDeliverer(channel: Channel, deliverer: Deliverer): void;
}

/** The part of Slack's Web API the desk uses. */
export type DeskSlackClient = Pick<webApi.WebClient, 'chat'>;

export interface HandoffDeskOptions {
  slackClient: DeskSlackClient;
  state: Pick<BotState, 'saveHandoff' | 'findHandoffByThread' | 'findHandoffByUser'>;
  /** The staff channel (HANDOFF_SLACK_CHANNEL). */
  channelId: string;
  deliverers?: Partial<Record<Channel, Deliverer>>;
  /** How long a hand-off thread stays open for replies (seconds); the state's default if unset. */
  ttlSeconds?: number;
  /** Log a failure that nobody else will see (a confirmation that could not be posted). */
  onError?: (error: unknown) => void;
}

const channels: readonly Channel[] = ['wechat', 'slack', 'console'];
const questionMax = 2500;
const attemptMax = 1500;

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Who asked, as staff read it: a mention on Slack, the id (and name) elsewhere. */
function who(request: HandoffRequest): string {
  if (request.channel === 'slack') return `<@${request.channelUserId}>`;
  const id = `\`${escapeMrkdwn(request.channelUserId)}\``;
  return request.displayName === undefined ? id : `${escapeMrkdwn(request.displayName)} (${id})`;
}

function quote(text: string): string {
  return escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

function staffPost(request: HandoffRequest, previousQuestion: string | undefined) {
  const channel = channelNames[request.channel];
  const text = `Hand-off (${reasonLabels[request.reason]}) from ${channel}: ${truncate(request.question, 200)}`;
  const blocks = [
    {
      type: 'section' as const,
      text: {
        type: 'mrkdwn' as const,
        text: `:raising_hand: *A student needs a person* — ${reasonLabels[request.reason]}`,
      },
      fields: [
        { type: 'mrkdwn' as const, text: `*Who*\n${who(request)}` },
        { type: 'mrkdwn' as const, text: `*Channel*\n${channel}` },
        {
          type: 'mrkdwn' as const,
          text: `*Language*\n${languageNames[request.language]} (${request.language})`,
        },
        { type: 'mrkdwn' as const, text: `*Asked*\n${request.at.toISOString()}` },
      ],
    },
    {
      type: 'section' as const,
      text: {
        type: 'mrkdwn' as const,
        text: `*Question*\n${quote(truncate(request.question, questionMax))}`,
      },
    },
    ...(previousQuestion === undefined
      ? []
      : [
          {
            type: 'section' as const,
            text: {
              type: 'mrkdwn' as const,
              text: `*Asked just before, unanswered*\n${quote(truncate(previousQuestion, questionMax))}`,
            },
          },
        ]),
    {
      type: 'section' as const,
      text: {
        type: 'mrkdwn' as const,
        text: `*The bot's answer*\n${quote(truncate(request.attempt, attemptMax))}`,
      },
    },
    {
      type: 'context' as const,
      elements: [
        {
          type: 'mrkdwn' as const,
          text: `Reply in this thread: each reply is sent to the student on ${channel}.`,
        },
      ],
    },
  ];
  return { text, blocks };
}

export function createHandoffDesk(options: HandoffDeskOptions): HandoffDesk {
  const { slackClient, state, channelId } = options;
  const deliverers = new Map<Channel, Deliverer>();
  for (const channel of channels) {
    const deliverer = options.deliverers?.[channel];
    if (deliverer !== undefined) deliverers.set(channel, deliverer);
  }
  const onError = options.onError ?? (() => {});

  const postInThread = async (threadTs: string, text: string): Promise<void> => {
    try {
      await slackClient.chat.postMessage({ channel: channelId, thread_ts: threadTs, text });
    } catch (error) {
      onError(error);
    }
  };

  return {
    channelId,

    useDeliverer(channel, deliverer) {
      deliverers.set(channel, deliverer);
    },

    async open(request) {
      const notice = staffWillAnswer[request.language];
      // The engine saves the hand-off it decided on (Reply.handoff.id); the desk completes it.
      const saved = await state.findHandoffByUser(request.channel, request.channelUserId);
      const existing =
        saved !== undefined && request.handoffId !== undefined && saved.id === request.handoffId
          ? saved
          : undefined;
      if (existing?.staffThreadId !== undefined) {
        // Already posted (a retried delivery): staff see it once.
        return { opened: true, staffThreadId: existing.staffThreadId, notice, record: existing };
      }
      try {
        const posted = await slackClient.chat.postMessage({
          channel: channelId,
          ...staffPost(request, existing?.previousQuestion),
          unfurl_links: false,
        });
        if (posted.ts === undefined) throw new Error('Slack returned no message ts');
        const record: HandoffRecord = existing ?? {
          id: request.handoffId ?? `hnd_${randomUUID()}`,
          channel: request.channel,
          channelUserId: request.channelUserId,
          conversationId: request.conversationId,
          ...(request.threadId === undefined ? {} : { threadId: request.threadId }),
          language: request.language,
          reason: request.reason,
          question: request.question,
          createdAt: request.at.toISOString(),
        };
        // Where to reach the person is the channel's to say (the engine may not know the thread).
        const complete: HandoffRecord = {
          ...record,
          conversationId: request.conversationId,
          staffThreadId: posted.ts,
        };
        if (request.threadId !== undefined) complete.threadId = request.threadId;
        await state.saveHandoff(complete, options.ttlSeconds);
        return { opened: true, staffThreadId: posted.ts, notice, record: complete };
      } catch (error) {
        onError(error);
        return {
          opened: false,
          notice: staffUnreachable[request.language],
          error: describe(error),
        };
      }
    },

    async relay(message) {
      const record = await state.findHandoffByThread(message.staffThreadId);
      if (record === undefined) return { status: 'not_a_handoff' };
      const channel = channels.find((known) => known === record.channel);
      const name = channel === undefined ? record.channel : channelNames[channel];
      const deliverer = channel === undefined ? undefined : deliverers.get(channel);
      const text = `${staffReplyPrefix[record.language]}\n${plainText(message.text, { keepLines: true })}`;
      try {
        if (channel === undefined || deliverer === undefined) {
          throw new Error(`no deliverer for ${record.channel}`);
        }
        const target: DeliveryTarget =
          record.threadId === undefined
            ? { conversationId: record.conversationId }
            : { conversationId: record.conversationId, threadId: record.threadId };
        await deliverer.deliver(channel, record.channelUserId, text, target);
      } catch (error) {
        const reason = describe(error);
        await postInThread(
          message.staffThreadId,
          `:warning: Not delivered: the student has not received this reply (${reason}).`,
        );
        return { status: 'failed', record, error: reason };
      }
      await postInThread(
        message.staffThreadId,
        `:white_check_mark: Delivered to the student on ${name} (from <@${message.staffUserId}>).`,
      );
      return { status: 'delivered', record };
    },
  };
}
