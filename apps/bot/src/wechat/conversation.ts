/**
 * What both WeChat routes (wechaty and the Official Account callback) do with a text: answer
 * a follow-up picked by its number, ask the engine, render the reply as plain-text messages.
 */
import type { Engine, FollowUp, IncomingMessage } from '../engine/types';
import { pickFollowUp, renderReply, type SplitLimit } from './render';
import { failureNote } from './texts';

/** Where the channel reports what it could not do (a failed engine, a send that failed). */
export type WechatLog = (event: string, detail: Record<string, unknown>) => void;

export const silentLog: WechatLog = () => {};

/**
 * The follow-ups last offered in each conversation, so that "2" means the second hint. Kept
 * in this process: a number sent to another instance is simply taken as a new question.
 */
export class FollowUpMemory {
  private readonly entries = new Map<string, { followUps: FollowUp[]; expiresAt: number }>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  remember(key: string, followUps: FollowUp[], now: Date): void {
    this.entries.delete(key);
    if (followUps.length === 0) return;
    this.entries.set(key, { followUps, expiresAt: now.getTime() + this.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  /** The text to send to the engine: the picked follow-up's, or the person's own. */
  resolve(key: string, text: string, now: Date): string {
    const entry = this.entries.get(key);
    if (entry === undefined) return text;
    if (entry.expiresAt <= now.getTime()) {
      this.entries.delete(key);
      return text;
    }
    return pickFollowUp(text, entry.followUps)?.text ?? text;
  }
}

export interface AskOptions {
  engine: Engine;
  followUps: FollowUpMemory;
  log: WechatLog;
}

/** The messages that answer `message`: the rendered reply, or an apology if the engine failed. */
export async function answerAsParts(
  options: AskOptions,
  message: IncomingMessage,
  limit: SplitLimit,
): Promise<string[]> {
  const key = `${message.conversationId}\u0000${message.channelUserId}`;
  const text = options.followUps.resolve(key, message.text, message.receivedAt);
  try {
    const reply = await options.engine.answer({ ...message, text });
    // Past the rate limit and already told so in this window: nothing more to send.
    if (reply.silent === true) return [];
    options.followUps.remember(key, reply.followUps, message.receivedAt);
    return renderReply(reply, limit);
  } catch (error) {
    options.log('wechat.engine_failed', { error, messageId: message.messageId });
    return [failureNote];
  }
}
