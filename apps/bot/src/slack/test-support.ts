/**
 * Test kit shared by the Slack tests: a silent Bolt logger that keeps what it was told, a
 * scripted engine, a recording deliverer and Slack payload builders.
 */

import type { Language } from '@passerelle/core';
import { type Logger, LogLevel } from '@slack/bolt';
import type { Channel, Engine, Handoff, IncomingMessage, Reply } from '../engine/types';
import type { Deliverer, DeliveryTarget } from '../handoff/desk';
import type { BotState } from '../state/types';

export interface RecordingLogger extends Logger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  let level = LogLevel.DEBUG;
  const log =
    (name: string) =>
    (...msg: unknown[]) => {
      lines.push(`${name} ${msg.map(String).join(' ')}`);
    };
  return {
    lines,
    debug: () => {},
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export interface ScriptedEngine extends Engine {
  messages: IncomingMessage[];
}

const base = { citations: [], operations: [], followUps: [], handoff: null };

/**
 * Answers by keyword, as a real engine would shape its reply:
 * - "figures": fields, citations and follow-ups;
 * - "person": a requested hand-off; "unknown": an unanswered one;
 * - "again": a retried delivery the engine already answered (`duplicate`);
 * - "boom": the engine fails; anything else is echoed.
 * With a state, it records gaps and saves hand-offs as the real engine does.
 */
export function scriptedEngine(
  state?: Pick<BotState, 'recordGap' | 'saveHandoff'>,
): ScriptedEngine {
  const messages: IncomingMessage[] = [];
  /** Saves the hand-off as the real engine does, and answers with its id. */
  const handoff = async (
    message: IncomingMessage,
    reason: Handoff['reason'],
    language: Language,
  ): Promise<Handoff> => {
    const id = `hnd_${messages.length}_${message.channelUserId}`;
    await state?.saveHandoff({
      id,
      channel: message.channel,
      channelUserId: message.channelUserId,
      conversationId: message.conversationId,
      ...(message.threadId === undefined ? {} : { threadId: message.threadId }),
      language,
      reason,
      question: message.text,
      createdAt: message.receivedAt.toISOString(),
    });
    return { reason, question: message.text, id };
  };
  return {
    messages,
    async answer(message): Promise<Reply> {
      messages.push(message);
      const text = message.text;
      if (text.includes('boom')) throw new Error('engine exploded');
      if (text.includes('figures')) {
        return {
          ...base,
          text: 'Students by programme <2025> & more',
          language: 'en',
          fields: [
            { label: 'Exchange', value: '12' },
            { label: 'Double degree', value: '3' },
          ],
          citations: [
            { id: 'kb_visa', title: 'Visa renewal', url: 'https://kb.example.edu/kb_visa' },
            { id: 'kb_ins', title: 'Insurance <2025>', url: 'https://kb.example.edu/kb_ins' },
          ],
          followUps: [
            { label: 'Register', text: 'register me for the welcome day' },
            { label: 'Next month', text: 'events next month' },
          ],
          operations: ['students.count'],
        } satisfies Reply;
      }
      if (text.includes('again')) {
        return { ...base, text: 'already answered', language: 'en', duplicate: true };
      }
      if (text.includes('person')) {
        return {
          ...base,
          text: 'I will pass your question to a member of staff.',
          language: 'en',
          handoff: await handoff(message, 'requested', 'en'),
        };
      }
      if (text.includes('unknown')) {
        await state?.recordGap({ question: text, language: 'fr', at: message.receivedAt });
        return {
          ...base,
          text: 'Je ne trouve pas de réponse sûre.',
          language: 'fr',
          handoff: await handoff(message, 'unanswered', 'fr'),
        };
      }
      return { ...base, text: `echo: ${text}`, language: 'en' };
    },
  };
}

export interface Delivery {
  channel: Channel;
  channelUserId: string;
  text: string;
  target: DeliveryTarget | undefined;
}

export function recordingDeliverer(fail = false): Deliverer & { deliveries: Delivery[] } {
  const deliveries: Delivery[] = [];
  return {
    deliveries,
    async deliver(channel, channelUserId, text, target) {
      if (fail) throw new Error('the WeChat API refused the message');
      deliveries.push({ channel, channelUserId, text, target });
    },
  };
}

let counter = 0;
/** A fresh Slack ts ("1700000123.000456"); each call gives another. */
export function nextTs(): string {
  counter += 1;
  return `17000${String(10000 + counter).padStart(5, '0')}.${String(counter).padStart(6, '0')}`;
}

/** An Events API envelope, as Slack posts it. */
export function envelope(
  event: Record<string, unknown>,
  eventId = `Ev${nextTs().replace('.', '')}`,
) {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
    event: { event_ts: event.ts, ...event },
  };
}

/** A slash command's form fields. */
export function commandFields(text: string, overrides: Record<string, string> = {}) {
  return {
    token: 'legacy-verification-token',
    team_id: 'T0001',
    team_domain: 'univ',
    channel_id: 'CGENERAL',
    channel_name: 'general',
    user_id: 'USTAFF1',
    user_name: 'marie',
    command: '/passerelle',
    text,
    api_app_id: 'A0001',
    response_url: 'http://127.0.0.1:1/hooks/none',
    trigger_id: `trig.${nextTs()}`,
    ...overrides,
  };
}

/** A block_actions payload: `userId` clicked button `index` of the bot message `messageTs`. */
export function buttonClick(options: {
  userId: string;
  channelId: string;
  messageTs: string;
  threadTs?: string;
  actionId: string;
  value: string;
  responseUrl: string;
  ephemeral?: boolean;
}) {
  return {
    type: 'block_actions',
    user: { id: options.userId, username: 'someone', team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: options.messageTs,
      channel_id: options.channelId,
      is_ephemeral: options.ephemeral ?? false,
    },
    trigger_id: `trig.${nextTs()}`,
    team: { id: 'T0001', domain: 'univ' },
    channel: { id: options.channelId, name: 'somewhere' },
    ...(options.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: 'UBOT',
            ts: options.messageTs,
            ...(options.threadTs === undefined ? {} : { thread_ts: options.threadTs }),
            text: 'an answer',
          },
        }),
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'passerelle_followups',
        text: { type: 'plain_text', text: 'Register' },
        value: options.value,
        action_ts: '1700000000.1',
      },
    ],
  };
}
