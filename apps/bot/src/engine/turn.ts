/** What every intent handler gets (one message being answered) and what it gives back. */
import type { CalendarDate, Language } from '@passerelle/core';
import type { Passerelle } from '@passerelle/sdk';
import type { Understanding } from '../nlu';
import type { BotState, ConversationContext } from '../state';
import type { Catalog } from './catalog';
import type { Asker, IdentityResolver } from './identity';
import type { MessageSet } from './messages';
import type { Citation, FollowUp, Handoff, IncomingMessage, ReplyField } from './types';

export interface EngineDeps {
  /** The bot's service client (bindings, and public reads for guests). */
  client: Passerelle;
  state: BotState;
  identity: IdentityResolver;
  timeZone: string;
  /** Where an article is read: `<knowledgeBaseUrl>/<article id>`. */
  knowledgeBaseUrl: string;
}

export interface Turn {
  message: IncomingMessage;
  asker: Asker;
  understanding: Understanding;
  language: Language;
  t: MessageSet;
  now: Date;
  today: CalendarDate;
  context: ConversationContext;
  catalog: Catalog;
  deps: EngineDeps;
  /** Records an API operation performed to answer. */
  op(name: string): void;
}

export interface Answer {
  text: string;
  fields?: ReplyField[];
  citations?: Citation[];
  followUps?: FollowUp[];
  handoff?: Handoff | null;
  /** Changes to the conversation context. */
  context?: Partial<ConversationContext>;
}

export type Handler = (turn: Turn) => Promise<Answer>;
