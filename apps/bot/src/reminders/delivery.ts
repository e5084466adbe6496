/**
 * The bot's side of reminders: claim what the API computed, send it, acknowledge it.
 * Students' reminders go to WeChat (the wechaty bot, or the Official Account / WeCom message
 * API), staff digests to Slack as a direct message. Only channels this process can deliver on
 * are claimed, so several bot instances with different channels share the work; instances on
 * the same channel never get the same reminder (the API claims with SKIP LOCKED).
 *
 * At least once: a reminder sent and not acknowledged (the process died in between) is
 * claimed again when its lease runs out, and sent again.
 */
import type { ClaimedReminder, ReminderChannel } from '@passerelle/core';
import type { Passerelle } from '@passerelle/sdk';
import type { webApi } from '@slack/bolt';
import type { WechatTextSender } from '../wechat/deliver';
import { PERSONAL_CHAT_LIMIT, type SplitLimit, splitMessage, toPlainText } from '../wechat/render';
import { digestMessage, reminderText } from './render';

export interface ReminderSenders {
  /** Sends to a bound WeChat identity. */
  wechat?: { sender: WechatTextSender; limit?: SplitLimit } | undefined;
  /** Posts to a bound Slack user (a DM from the bot). */
  slack?: Pick<webApi.WebClient, 'chat'> | undefined;
}

export interface ReminderLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface ReminderDeliveryOptions {
  /** The bot's service client. */
  client: Pick<Passerelle, 'reminders'>;
  senders: ReminderSenders;
  /** How often to claim (default one minute). */
  intervalMs?: number;
  /** How many reminders one claim takes per channel (default 20). */
  batch?: number;
  log?: ReminderLog;
}

export interface DeliveryRound {
  delivered: number;
  failed: number;
}

export interface ReminderDelivery {
  /** The channels this process delivers on. */
  readonly channels: readonly ReminderChannel[];
  /** Claims and sends until nothing is left (or a claim fails); what it did. */
  deliverPending(): Promise<DeliveryRound>;
  /** Delivers now, then every `intervalMs`. */
  start(): void;
  /** Stops the timer and waits for the round in progress. */
  stop(): Promise<void>;
}

const quiet: ReminderLog = { info: () => undefined, error: () => undefined };

/** A delivery loop, or `undefined` when no channel can deliver reminders. */
export function createReminderDelivery(
  options: ReminderDeliveryOptions,
): ReminderDelivery | undefined {
  const { client, senders } = options;
  const log = options.log ?? quiet;
  const batch = options.batch ?? 20;
  const channels: ReminderChannel[] = [];
  if (senders.wechat !== undefined) channels.push('wechat');
  if (senders.slack !== undefined) channels.push('slack');
  if (channels.length === 0) return undefined;

  async function send(reminder: ClaimedReminder): Promise<void> {
    if (reminder.channel === 'wechat') {
      const wechat = senders.wechat;
      if (wechat === undefined) throw new Error('WeChat is not configured in this bot');
      const parts = splitMessage(
        toPlainText(reminderText(reminder)),
        wechat.limit ?? PERSONAL_CHAT_LIMIT,
      );
      for (const part of parts) await wechat.sender.sendText(reminder.channelUserId, part);
      return;
    }
    const slack = senders.slack;
    if (slack === undefined) throw new Error('Slack is not configured in this bot');
    await slack.chat.postMessage({
      channel: reminder.channelUserId,
      ...digestMessage(reminder),
      unfurl_links: false,
    });
  }

  async function deliverChannel(channel: ReminderChannel, round: DeliveryRound): Promise<void> {
    for (;;) {
      const { data } = await client.reminders.claim({ channel, limit: batch });
      for (const reminder of data) {
        try {
          await send(reminder);
        } catch (error) {
          round.failed += 1;
          log.error(`reminder ${reminder.id} on ${channel} failed:`, error);
          const message = error instanceof Error ? error.message : String(error);
          await client.reminders
            .failed(reminder.id, { error: message.slice(0, 500) || 'send failed' })
            .catch((ackError: unknown) =>
              log.error(`reminder ${reminder.id}: cannot report the failure`, ackError),
            );
          continue;
        }
        round.delivered += 1;
        // If this acknowledgement is lost, the lease runs out and the reminder goes again.
        await client.reminders
          .delivered(reminder.id)
          .catch((ackError: unknown) =>
            log.error(`reminder ${reminder.id}: sent, not acknowledged`, ackError),
          );
      }
      if (data.length < batch) return;
    }
  }

  async function deliverPending(): Promise<DeliveryRound> {
    const round: DeliveryRound = { delivered: 0, failed: 0 };
    for (const channel of channels) {
      try {
        await deliverChannel(channel, round);
      } catch (error) {
        log.error(`claiming ${channel} reminders failed:`, error);
      }
    }
    if (round.delivered + round.failed > 0) {
      log.info(`reminders: ${round.delivered} delivered, ${round.failed} failed`);
    }
    return round;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running !== undefined) return;
    running = deliverPending().finally(() => {
      running = undefined;
    });
  };

  return {
    channels,
    deliverPending,
    start() {
      if (timer !== undefined) return;
      tick();
      timer = setInterval(tick, options.intervalMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
