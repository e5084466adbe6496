/**
 * The bot's state shared between bot instances: event de-duplication, per-user rate limits,
 * conversation context, hand-off threads and unanswered questions. One small interface, an
 * in-memory implementation for one process and a Redis one for many.
 */
import type { Language } from '@passerelle/core';
import type { Reply } from '../engine/types';

/** An event shown to the person, in the order shown ("the second one" is index 1). */
export interface ShownEvent {
  id: string;
  title: string;
}

/** Something the bot asked the person to confirm, and what to do on "yes". */
export interface PendingConfirmation {
  action: string;
  /** Plain values the action needs (ids, titles). */
  data: Record<string, string>;
  /** ISO instant after which the confirmation no longer holds. */
  expiresAt: string;
}

/** What the bot remembers of a conversation between two messages. */
export interface ConversationContext {
  lastIntent?: string | undefined;
  language?: Language | undefined;
  /** The last list of events shown, so "register me for the second one" works. */
  lastEvents?: ShownEvent[] | undefined;
  /** The last question the bot could not answer (for a hand-off asked right after). */
  lastQuestion?: string | undefined;
  /** The delegation last described, for "its itinerary" asked next. */
  lastDelegationId?: string | undefined;
  pending?: PendingConfirmation | undefined;
  /** The last replies, by the channel's message id, so a retried delivery gets the same one. */
  replies?: { messageId: string; reply: Reply }[];
  /**
   * The last exchanges with the language model (the person's text and the bot's scrubbed
   * answer), so a follow-up question ("and in French?", "what about the second one?") reaches
   * the model with what came before. Only the LLM engine keeps them.
   */
  turns?: { user: string; assistant: string }[];
  updatedAt?: string;
}

/** A question handed to a person: where it came from, and the staff thread that handles it. */
export interface HandoffRecord {
  id: string;
  channel: string;
  channelUserId: string;
  conversationId: string;
  /** The person's own thread, when their channel has them. */
  threadId?: string;
  language: Language;
  reason: 'requested' | 'unanswered' | 'sensitive';
  question: string;
  /** The question the bot could not answer just before, when the person then asked for someone. */
  previousQuestion?: string;
  /** The staff-side thread (e.g. the Slack `thread_ts` in the hand-off channel), once posted. */
  staffThreadId?: string;
  createdAt: string;
}

/** A question the bot could not answer, counted each time it is asked. */
export interface Gap {
  question: string;
  language: Language;
  count: number;
  firstAskedAt: string;
  lastAskedAt: string;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Messages left in this window. */
  remaining: number;
  /** Seconds until the window starts again. */
  resetSeconds: number;
}

export interface BotState {
  /**
   * Marks `key` as seen for `ttlSeconds`, atomically. True when it had already been seen
   * (a retried delivery), false the first time.
   */
  seen(key: string, ttlSeconds: number): Promise<boolean>;
  /** Counts one hit on `key` in a fixed window; `allowed` while the count is within `limit`. */
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  getContext(conversationKey: string): Promise<ConversationContext | undefined>;
  setContext(
    conversationKey: string,
    value: ConversationContext,
    ttlSeconds: number,
  ): Promise<void>;
  /** Stores a hand-off, findable by its person and, once set, by its staff thread. */
  saveHandoff(record: HandoffRecord, ttlSeconds?: number): Promise<void>;
  findHandoffByThread(staffThreadId: string): Promise<HandoffRecord | undefined>;
  /** The person's latest hand-off. */
  findHandoffByUser(channel: string, channelUserId: string): Promise<HandoffRecord | undefined>;
  /** Counts an unanswered question (the same question, whatever its case and spacing, once). */
  recordGap(gap: { question: string; language: Language; at: Date }): Promise<void>;
  /** Unanswered questions, most asked first (then most recent). */
  listGaps(limit?: number): Promise<Gap[]>;
  close(): Promise<void>;
}

/** How long a hand-off is kept by default: 30 days. */
export const HANDOFF_TTL_SECONDS = 30 * 24 * 3600;
/** How long an unanswered question is remembered after it was last asked: 90 days. */
export const GAP_TTL_SECONDS = 90 * 24 * 3600;
/** Questions longer than this are cut before they are stored as a gap. */
export const MAX_GAP_CHARS = 500;

/** The key a gap is counted under: case, spacing and final punctuation do not matter. */
export function gapKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/[\s\p{P}]+$/u, '')
    .trim()
    .slice(0, MAX_GAP_CHARS);
}
