/**
 * The embedded engine: offline and deterministic understanding (../nlu), then the SDK calls
 * of the intent, made with the rights of the person who writes, and a reply in their language.
 *
 * One message goes through: de-duplication of a retried delivery → the person's rate limit →
 * who they are (binding) → what they ask → a refusal if it is not theirs to ask → the intent's
 * handler → a last scrub of anything that looks like a document number.
 */
import { type CalendarDate, dateInZone, type Language } from '@passerelle/core';
import type { Passerelle } from '@passerelle/sdk';
import { DEFAULT_TIME_ZONE, detectLanguage, type Intent, understand } from '../nlu';
import type { BotState, ConversationContext } from '../state';
import { bind, greeting, handoff, help } from './account';
import { type CatalogStore, createCatalog } from './catalog';
import { failureOf, failureText } from './errors';
import { eventCancel, eventRegister, eventsUpcoming, myRegistrations } from './events';
import { bindingIdentity, type IdentityResolver } from './identity';
import { kbQuestion } from './knowledge';
import { type MessageSet, messagesFor } from './messages';
import { alerts, delegationInfo, gaps, yearEndReview } from './office';
import { scrub } from './scrub';
import { agreementsQuery, partnerInfo, studentsCount, studentsList } from './staff';
import { myDocuments, myProfile, remindersOff, remindersOn } from './student';
import type { Answer, EngineDeps, Handler, Turn } from './turn';
import type { Engine, IncomingMessage, Reply } from './types';

export interface EmbeddedEngineOptions {
  /** The bot's service-token client: it acts for each person (`actAs`), never as itself. */
  client: Passerelle;
  state: BotState;
  /** The campus clock: "today", "this week" and event times (default Asia/Shanghai). */
  timeZone?: string;
  /** The engine's clock; by default each message's `receivedAt`. */
  now?: () => Date;
  /**
   * Where articles are read by people: citations link to `<knowledgeBaseUrl>/<id>`. Default:
   * the API's `<baseUrl>/v1/knowledge/articles`.
   */
  knowledgeBaseUrl?: string;
  /** Who writes; by default the API's bindings (WeChat, Slack), console users being guests. */
  identity?: IdentityResolver;
  /** Messages one person may send per minute (default 20). */
  rateLimitPerMinute?: number;
  /** How long a conversation's context is kept after its last message (default 2 hours). */
  contextTtlSeconds?: number;
  /** Told of every error the person was answered politely about (for the channel's log). */
  onError?: (error: unknown, message: IncomingMessage) => void;
  /** Names matched in messages (institutions, events); shared between engines if given. */
  catalog?: CatalogStore;
}

/** A retried delivery is recognised for this long. */
export const DEDUP_TTL_SECONDS = 3600;
/** How many replies a conversation keeps for retried deliveries. */
const KEPT_REPLIES = 5;

/**
 * Counts one message against the person's rate limit. Undefined while they are within it;
 * otherwise how long to wait, and whether they were already told so in this window (then the
 * reply is silent: one notice per window, not one per message of a burst).
 */
export async function overRateLimit(
  state: BotState,
  message: IncomingMessage,
  limit: number,
): Promise<{ seconds: number; silent: boolean } | undefined> {
  const who = `${message.channel}:${message.channelUserId}`;
  const rate = await state.hit(`rate:${who}`, limit, 60);
  if (rate.allowed) return undefined;
  const seconds = Math.max(1, rate.resetSeconds);
  return { seconds, silent: await state.seen(`rate-notice:${who}`, seconds) };
}

/** The handler of each intent; another engine (the LLM's tools) may reuse them. */
export const HANDLERS: Readonly<Record<Intent, Handler>> = {
  help,
  greeting,
  bind,
  handoff,
  kb_question: kbQuestion,
  my_profile: myProfile,
  my_documents: myDocuments,
  events_upcoming: eventsUpcoming,
  event_register: eventRegister,
  event_cancel: eventCancel,
  my_registrations: myRegistrations,
  reminders_off: remindersOff,
  reminders_on: remindersOn,
  students_count: studentsCount,
  students_list: studentsList,
  agreements_query: agreementsQuery,
  partner_info: partnerInfo,
  delegation_info: delegationInfo,
  alerts,
  year_end_review: yearEndReview,
  gaps,
};

/** Intents about the person's own record: a guest must bind first. */
const PERSONAL = new Set<Intent>([
  'my_profile',
  'my_documents',
  'event_register',
  'event_cancel',
  'my_registrations',
  'reminders_off',
  'reminders_on',
]);

export function conversationKey(message: IncomingMessage): string {
  return `${message.channel}:${message.conversationId}:${message.channelUserId}`;
}

export function createEmbeddedEngine(options: EmbeddedEngineOptions): Engine {
  const { client, state } = options;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const limit = options.rateLimitPerMinute ?? 20;
  const contextTtl = options.contextTtlSeconds ?? 2 * 3600;
  const identity = options.identity ?? bindingIdentity({ client });
  const catalogs = options.catalog ?? createCatalog();
  const deps: EngineDeps = {
    client,
    state,
    identity,
    timeZone,
    knowledgeBaseUrl:
      options.knowledgeBaseUrl ?? `${client.baseUrl.replace(/\/+$/, '')}/v1/knowledge/articles`,
  };

  function reply(
    language: Language,
    answer: Answer,
    operations: readonly string[],
    intent: string,
  ): Reply {
    const result: Reply = {
      text: scrub(answer.text),
      language,
      citations: (answer.citations ?? []).map((c) => ({ ...c, title: scrub(c.title) })),
      operations: [...operations],
      followUps: (answer.followUps ?? []).map((f) => ({
        label: scrub(f.label),
        text: scrub(f.text),
      })),
      handoff:
        answer.handoff === undefined || answer.handoff === null
          ? null
          : { ...answer.handoff, question: scrub(answer.handoff.question) },
      intent,
    };
    if (answer.fields !== undefined && answer.fields.length > 0) {
      result.fields = answer.fields.map((f) => ({ label: scrub(f.label), value: scrub(f.value) }));
    }
    return result;
  }

  async function remember(
    key: string,
    context: ConversationContext,
    message: IncomingMessage,
    result: Reply,
    changes: Partial<ConversationContext>,
    now: Date,
  ): Promise<void> {
    const next: ConversationContext = {
      ...context,
      ...changes,
      lastIntent: result.intent,
      language: result.language,
      updatedAt: now.toISOString(),
    };
    if (message.messageId !== undefined) {
      const replies = (context.replies ?? []).filter((r) => r.messageId !== message.messageId);
      next.replies = [...replies, { messageId: message.messageId, reply: result }].slice(
        -KEPT_REPLIES,
      );
    }
    await state.setContext(key, next, contextTtl);
  }

  async function answer(message: IncomingMessage, rateCounted: boolean): Promise<Reply> {
    const now = options.now?.() ?? message.receivedAt;
    const today: CalendarDate = dateInZone(now, timeZone);
    const operations: string[] = [];
    const op = (name: string) => {
      if (!operations.includes(name)) operations.push(name);
    };
    const key = conversationKey(message);
    const context: ConversationContext = (await state.getContext(key)) ?? {};
    const early = (language: Language, text: string, intent: string): Reply =>
      reply(language, { text }, operations, intent);

    if (message.messageId !== undefined) {
      const seen = await state.seen(
        `msg:${message.channel}:${message.messageId}`,
        DEDUP_TTL_SECONDS,
      );
      if (seen) {
        const first = context.replies?.find((r) => r.messageId === message.messageId)?.reply;
        const language = detectLanguage(message.text, context.language);
        return {
          ...(first ?? early(language, messagesFor(language).duplicate(), 'duplicate')),
          duplicate: true,
        };
      }
    }

    const limited = rateCounted ? undefined : await overRateLimit(state, message, limit);
    if (limited !== undefined) {
      const language = detectLanguage(message.text, context.language);
      const notice = early(
        language,
        messagesFor(language).rateLimited({ seconds: limited.seconds }),
        'rate_limited',
      );
      return limited.silent ? { ...notice, silent: true } : notice;
    }

    let language: Language = detectLanguage(message.text, context.language);
    let t: MessageSet = messagesFor(language);
    try {
      const asker = await identity.resolve(message, op);
      const catalog = await catalogs.load(asker, today);
      const understanding = understand(message.text, {
        now,
        timeZone,
        role: asker.role,
        institutions: catalog.institutionMatcher,
        events: catalog.eventMatcher,
        ...(context.language === undefined ? {} : { previousLanguage: context.language }),
      });
      language = understanding.language;
      t = messagesFor(language);
      const turn: Turn = {
        message,
        asker,
        understanding,
        language,
        t,
        now,
        today,
        context,
        catalog,
        deps,
        op,
      };
      const { intent } = understanding;

      let result: Answer;
      if (understanding.staffOnly && asker.role !== 'staff') {
        // Says nothing of what was asked, whatever the message claimed about its author.
        result = { text: t.staffOnly(), followUps: t.helpFollowUps({ role: asker.role }) };
      } else if (PERSONAL.has(intent) && asker.role === 'guest') {
        result = {
          text: t.needBinding(),
          followUps: t.helpFollowUps({ role: 'guest' }).slice(2),
        };
      } else {
        result = await HANDLERS[intent](turn);
        if (understanding.entities.injectionAttempt) {
          result = { ...result, text: `${t.injectionNote()}\n${result.text}` };
        }
      }
      const final = reply(language, result, operations, intent);
      await remember(key, context, message, final, result.context ?? {}, now);
      return final;
    } catch (error) {
      options.onError?.(error, message);
      const failure = failureOf(error);
      return early(language, failureText(error, t), failure === 'failed' ? 'error' : failure);
    }
  }

  return {
    async answer(message, answerOptions) {
      try {
        return await answer(message, answerOptions?.rateCounted === true);
      } catch (error) {
        // The shared state failed (Redis down): still a polite answer, never a crash.
        options.onError?.(error, message);
        const language = detectLanguage(message.text);
        return reply(language, { text: messagesFor(language).unavailable() }, [], 'unavailable');
      }
    },
  };
}
