/**
 * The LLM engine: an OpenAI-compatible chat model chooses among tools that are exactly the
 * embedded engine's operations, and writes the answer from what they return.
 *
 * What it keeps from the embedded engine: the asker's identity (binding) and rights (every
 * tool runs the embedded handler with the asker's client, so the API refuses what is not
 * theirs), the deterministic steps (binding codes, hand-offs, help, reminders, gaps, refusals
 * of staff questions and of personal questions from guests, all answered by the embedded
 * engine itself), de-duplication, the rate limit and the final scrub of document numbers.
 * On any error or time-out the embedded engine answers instead.
 */
import { type CalendarDate, dateInZone, type Language } from '@passerelle/core';
import type { Passerelle } from '@passerelle/sdk';
import OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionToolMessageParam,
} from 'openai/resources/chat/completions';
import { type CatalogStore, createCatalog } from '../engine/catalog';
import { conversationKey, DEDUP_TTL_SECONDS, HANDLERS, overRateLimit } from '../engine/embedded';
import { bindingIdentity, type IdentityResolver } from '../engine/identity';
import { messagesFor } from '../engine/messages';
import { scrub } from '../engine/scrub';
import type { Answer, EngineDeps, Turn } from '../engine/turn';
import type { Citation, Engine, FollowUp, Handoff, IncomingMessage, Reply } from '../engine/types';
import { DEFAULT_TIME_ZONE, detectLanguage, type Intent, understand } from '../nlu';
import type { BotState, ConversationContext } from '../state';
import { systemPrompt } from './prompt';
import { type ToolSpec, toolDefinitions, toolsFor } from './tools';

export interface LlmEngineOptions {
  /** The OpenAI-compatible server: key, base URL (e.g. `http://127.0.0.1:8000/v1`), model. */
  openai: { apiKey?: string | undefined; baseURL?: string | undefined; model: string };
  /** The bot's service client; tools act for each person (`actAs`). */
  client: Passerelle;
  state: BotState;
  /** The engine that answers when the model fails or is too slow (the embedded one). */
  fallback: Engine;
  /** The whole model conversation's time limit (default 15 s). */
  timeoutMs?: number;
  timeZone?: string;
  knowledgeBaseUrl?: string;
  /** Shared with the embedded engine so a binding is resolved once. */
  identity?: IdentityResolver;
  catalog?: CatalogStore;
  rateLimitPerMinute?: number;
  /** Model turns at most (tool rounds then an answer; default 4). */
  maxRounds?: number;
  /** Told when the engine falls back (for the channel's log). */
  onFallback?: (error: unknown, message: IncomingMessage) => void;
}

/** Intents answered by the embedded engine as it is: nothing for a model to add. */
const DETERMINISTIC = new Set<Intent>([
  'bind',
  'handoff',
  'help',
  'greeting',
  'reminders_off',
  'reminders_on',
  'gaps',
]);

const PERSONAL = new Set<Intent>([
  'my_profile',
  'my_documents',
  'event_register',
  'event_cancel',
  'my_registrations',
]);

/** What a tool gives back to the model when it may not be used, or the API refused it. */
export const REFUSED_TOOL = 'error: this operation is not available to this person.';
const KEPT_REPLIES = 5;
/** Earlier exchanges sent to the model with a new question, and their length at most. */
const KEPT_TURNS = 6;
const TURN_CHARS = 2000;
const clip = (text: string) => (text.length > TURN_CHARS ? `${text.slice(0, TURN_CHARS)}…` : text);
const MAX_TOOL_RESULT_CHARS = 6000;

class LlmTimeout extends Error {
  override readonly name = 'LlmTimeout';
}

function requestOf(raw: string, fallback: string): string {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && 'request' in parsed) {
      const request = parsed.request;
      if (typeof request === 'string' && request.trim() !== '') return request;
    }
  } catch {
    // Arguments that are not JSON: the person's own message stands for the request.
  }
  return fallback;
}

/** A tool's answer as the model reads it: the handler's text and figures, scrubbed. */
function toolResult(answer: Answer): string {
  const parts = [scrub(answer.text)];
  for (const field of answer.fields ?? []) {
    parts.push(`${scrub(field.label)}: ${scrub(field.value)}`);
  }
  for (const [i, citation] of (answer.citations ?? []).entries()) {
    parts.push(`[source ${i + 1}] ${scrub(citation.title)} ${citation.url}`);
  }
  return parts.join('\n').slice(0, MAX_TOOL_RESULT_CHARS);
}

export function createLlmEngine(options: LlmEngineOptions): Engine {
  const { client, state, fallback } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const limit = options.rateLimitPerMinute ?? 20;
  const maxRounds = options.maxRounds ?? 4;
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
  const openai = new OpenAI({
    // A local OpenAI-compatible server may need no key; the client wants one all the same.
    apiKey: options.openai.apiKey ?? 'none',
    ...(options.openai.baseURL === undefined ? {} : { baseURL: options.openai.baseURL }),
    timeout: timeoutMs,
    maxRetries: 0,
  });

  async function remember(
    key: string,
    message: IncomingMessage,
    reply: Reply,
    changes: Partial<ConversationContext>,
  ) {
    const context: ConversationContext = (await state.getContext(key)) ?? {};
    const next: ConversationContext = {
      ...context,
      ...changes,
      lastIntent: reply.intent,
      language: reply.language,
      updatedAt: message.receivedAt.toISOString(),
    };
    if (message.messageId !== undefined) {
      const replies = (context.replies ?? []).filter((r) => r.messageId !== message.messageId);
      next.replies = [...replies, { messageId: message.messageId, reply }].slice(-KEPT_REPLIES);
    }
    if (reply.intent?.startsWith('llm') === true) {
      const turn = { user: clip(message.text), assistant: clip(reply.text) };
      next.turns = [...(context.turns ?? []), turn].slice(-KEPT_TURNS);
    }
    await state.setContext(key, next, 2 * 3600);
  }

  /** The embedded engine's answer, kept for a retried delivery of the same message. */
  async function embedded(message: IncomingMessage, key: string): Promise<Reply> {
    const { messageId: _, ...once } = message;
    // The message was counted against the rate limit here already.
    const reply = await fallback.answer(once, { rateCounted: true });
    if (message.messageId !== undefined) {
      const context: ConversationContext = (await state.getContext(key)) ?? {};
      const replies = (context.replies ?? []).filter((r) => r.messageId !== message.messageId);
      await state.setContext(
        key,
        {
          ...context,
          replies: [...replies, { messageId: message.messageId, reply }].slice(-KEPT_REPLIES),
        },
        2 * 3600,
      );
    }
    return reply;
  }

  async function converse(message: IncomingMessage, key: string): Promise<Reply> {
    const now = message.receivedAt;
    const today: CalendarDate = dateInZone(now, timeZone);
    const context: ConversationContext = (await state.getContext(key)) ?? {};
    const operations: string[] = [];
    const op = (name: string) => {
      if (!operations.includes(name)) operations.push(name);
    };
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
    const { intent } = understanding;
    if (
      DETERMINISTIC.has(intent) ||
      (understanding.staffOnly && asker.role !== 'staff') ||
      (PERSONAL.has(intent) && asker.role === 'guest')
    ) {
      return embedded(message, key);
    }

    const language: Language = understanding.language;
    const t = messagesFor(language);
    const offered = toolsFor(asker.role);
    const byName = new Map<string, ToolSpec>(offered.map((tool) => [tool.name, tool]));
    const citations: Citation[] = [];
    const called: string[] = [];
    let followUps: FollowUp[] = [];
    let handoff: Handoff | null = null;
    let changes: Partial<ConversationContext> = {};

    async function runTool(name: string, raw: string): Promise<string> {
      const spec = byName.get(name);
      // A tool not offered to this person (a staff tool for a student) is refused here.
      if (spec === undefined) return REFUSED_TOOL;
      if (!called.includes(name)) called.push(name);
      const request = requestOf(raw, message.text);
      const toolUnderstanding = understand(request, {
        now,
        timeZone,
        role: asker.role,
        institutions: catalog.institutionMatcher,
        events: catalog.eventMatcher,
        previousLanguage: language,
      });
      const turn: Turn = {
        message: { ...message, text: request },
        asker,
        understanding: { ...toolUnderstanding, intent: spec.intent, language },
        language,
        t,
        now,
        today,
        context,
        catalog,
        deps,
        op,
      };
      let answer: Answer;
      try {
        answer = await HANDLERS[spec.intent](turn);
      } catch (error) {
        // The API refused or failed: the model learns only that, never why.
        if (error instanceof Error && error.name === 'AbortError') throw error;
        return REFUSED_TOOL;
      }
      citations.push(
        ...(answer.citations ?? []).filter((c) => !citations.some((seen) => seen.id === c.id)),
      );
      if (answer.followUps !== undefined) followUps = answer.followUps;
      if (answer.handoff !== undefined && answer.handoff !== null) handoff = answer.handoff;
      if (answer.context !== undefined) changes = { ...changes, ...answer.context };
      return toolResult(answer);
    }

    const messages: ChatCompletionMessageParam[] = [
      {
        role: 'system',
        content: systemPrompt({ role: asker.role, language, today, timeZone }),
      },
      // The conversation so far with this person (their own words and the bot's answers).
      ...(context.turns ?? []).flatMap((turn): ChatCompletionMessageParam[] => [
        { role: 'user', content: turn.user },
        { role: 'assistant', content: turn.assistant },
      ]),
      { role: 'user', content: message.text },
    ];
    const tools = toolDefinitions(offered);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new LlmTimeout()), timeoutMs);
    let text: string | undefined;
    try {
      for (let round = 0; round < maxRounds && text === undefined; round++) {
        const last = round === maxRounds - 1;
        const completion = await openai.chat.completions.create(
          {
            model: options.openai.model,
            messages,
            ...(tools.length > 0 && !last ? { tools, tool_choice: 'auto' as const } : {}),
            temperature: 0,
          },
          { signal: controller.signal },
        );
        const choice = completion.choices[0];
        if (choice === undefined) throw new Error('The model returned no choice.');
        const calls = choice.message.tool_calls ?? [];
        if (calls.length === 0) {
          const content = choice.message.content?.trim() ?? '';
          if (content === '') throw new Error('The model returned an empty answer.');
          text = content;
          break;
        }
        messages.push({
          role: 'assistant',
          content: choice.message.content ?? null,
          tool_calls: calls,
        });
        for (const call of calls) {
          const content =
            call.type === 'function'
              ? await runTool(call.function.name, call.function.arguments)
              : REFUSED_TOOL;
          const result: ChatCompletionToolMessageParam = {
            role: 'tool',
            tool_call_id: call.id,
            content,
          };
          messages.push(result);
        }
      }
    } finally {
      clearTimeout(timer);
    }
    if (text === undefined) throw new Error('The model did not answer within its turns.');

    const reply: Reply = {
      text: scrub(text),
      language,
      citations: citations.map((c) => ({ ...c, title: scrub(c.title) })),
      operations,
      followUps: (followUps.length > 0 ? followUps : t.helpFollowUps({ role: asker.role }))
        .slice(0, 3)
        .map((f) => ({ label: scrub(f.label), text: scrub(f.text) })),
      handoff,
      intent: called.length === 0 ? 'llm' : `llm:${called.join(',')}`,
    };
    await remember(key, message, reply, changes);
    return reply;
  }

  return {
    async answer(message) {
      const key = conversationKey(message);
      try {
        if (message.messageId !== undefined) {
          const seen = await state.seen(
            `msg:${message.channel}:${message.messageId}`,
            DEDUP_TTL_SECONDS,
          );
          if (seen) {
            const context = await state.getContext(key);
            const first = context?.replies?.find((r) => r.messageId === message.messageId)?.reply;
            const language = detectLanguage(message.text, context?.language);
            return {
              ...(first ?? {
                text: messagesFor(language).duplicate(),
                language,
                citations: [],
                operations: [],
                followUps: [],
                handoff: null,
                intent: 'duplicate',
              }),
              duplicate: true,
            };
          }
        }
        const limited = await overRateLimit(state, message, limit);
        if (limited !== undefined) {
          const language = detectLanguage(message.text);
          return {
            text: messagesFor(language).rateLimited({ seconds: limited.seconds }),
            language,
            citations: [],
            operations: [],
            followUps: [],
            handoff: null,
            intent: 'rate_limited',
            ...(limited.silent ? { silent: true } : {}),
          };
        }
      } catch (error) {
        options.onFallback?.(error, message);
        return fallback.answer(message);
      }
      try {
        return await converse(message, key);
      } catch (error) {
        options.onFallback?.(error, message);
        return embedded(message, key);
      }
    },
  };
}
