import type { Language } from '@passerelle/core';

/** Where a message came from. */
export type Channel = 'console' | 'slack' | 'wechat';

/** One message from a person, as every channel hands it to the engine. */
export interface IncomingMessage {
  text: string;
  channel: Channel;
  /** The person's id on that channel (WeChat user id, Slack user id, `console:<name>`). */
  channelUserId: string;
  /** Conversation (WeChat room or contact, Slack channel or DM). */
  conversationId: string;
  /** Thread, when the channel has them (Slack `thread_ts`). */
  threadId?: string;
  /** The channel's own id of the message, used to answer a retried delivery once. */
  messageId?: string;
  /** When the message was received; the engine's "now". */
  receivedAt: Date;
}

export interface Citation {
  id: string;
  title: string;
  url: string;
}

/** A figure a channel may show as a field (Slack Block Kit fields). */
export interface ReplyField {
  label: string;
  value: string;
}

/** A suggested next message; channels show it as a button or a numbered hint. */
export interface FollowUp {
  label: string;
  /** The text sent to the engine when the person picks it. */
  text: string;
}

/** Whether a person should take over, and why. */
export interface Handoff {
  reason: 'requested' | 'unanswered' | 'sensitive';
  question: string;
  /** The hand-off record kept in the bot's state (`BotState.findHandoffByUser`), when saved. */
  id?: string;
}

/** The engine's answer. Both engines return this shape; channels only render it. */
export interface Reply {
  text: string;
  language: Language;
  citations: Citation[];
  /** The API operations performed to answer (e.g. `students.list`), for audit and tests. */
  operations: string[];
  followUps: FollowUp[];
  handoff: Handoff | null;
  /** Optional structured figures, rendered as fields where the channel can. */
  fields?: ReplyField[];
  /** The intent the engine acted on (for evaluation and logs). */
  intent?: string;
  /**
   * True when this message was a retried delivery already answered (or being answered): the
   * reply is the first one again, and a channel should not post it twice.
   */
  duplicate?: boolean;
  /**
   * True when a channel should send nothing: the person writes faster than the rate limit and
   * was already told so in this window (the text repeats the notice for a channel that must
   * answer something).
   */
  silent?: boolean;
}

export interface Engine {
  answer(message: IncomingMessage, options?: AnswerOptions): Promise<Reply>;
}

/** How an engine is asked, when another engine hands it a message. */
export interface AnswerOptions {
  /**
   * The message was already counted against the person's rate limit (by the engine handing
   * it over), so it is not counted twice.
   */
  rateCounted?: boolean;
}
