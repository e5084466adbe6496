/** Help, greetings, binding a chat identity, and handing over to a person. */
import { randomUUID } from 'node:crypto';
import { RateLimitError, RuleViolationError } from '@passerelle/sdk';
import { normalize } from '../nlu';
import type { HandoffRecord } from '../state';
import type { Answer, Handler, Turn } from './turn';
import type { Handoff } from './types';

export const help: Handler = async (turn) => ({
  text: turn.t.help({ role: turn.asker.role }),
  followUps: turn.t.helpFollowUps({ role: turn.asker.role }),
});

export const greeting: Handler = async (turn) => ({
  text: turn.t.greeting({}),
  followUps: turn.t.helpFollowUps({ role: turn.asker.role }),
});

/** The API's codes are `XXXX-XXXX`; people also type them with a space or in lower case. */
const DASHED_CODE_RE = /(?<![A-Za-z0-9])([A-Za-z0-9]{4})-([A-Za-z0-9]{4})(?![A-Za-z0-9])/u;
const SPACED_CODE_RE = /(?<![A-Za-z0-9])([A-Z0-9]{4}) ([A-Z0-9]{4})(?![A-Za-z0-9])/u;

/** The binding code of a message, if it holds one. */
export function bindingCodeIn(text: string, understood: string | undefined): string | undefined {
  const normal = normalize(text);
  const match = DASHED_CODE_RE.exec(normal) ?? SPACED_CODE_RE.exec(normal);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return `${match[1]}-${match[2]}`.toUpperCase();
  }
  return understood;
}

/** The message for each refusal of a code (rules of POST /v1/bindings). */
function refusalOf(rule: string | undefined) {
  switch (rule) {
    case 'binding.code_expired':
      return 'bindExpired' as const;
    case 'binding.code_used':
      return 'bindUsed' as const;
    case 'binding.code_locked':
      return 'bindLocked' as const;
    default:
      return 'bindInvalid' as const;
  }
}

export const bind: Handler = async (turn) => {
  const { t, message, asker, deps } = turn;
  if (message.channel === 'console') return { text: t.bindNotHere() };
  if (asker.bound) return { text: t.bindAlready({ role: asker.role }) };
  const code = bindingCodeIn(message.text, turn.understanding.entities.bindingCode);
  if (code === undefined) return { text: t.bindHowTo() };

  turn.op('bindings.bind');
  try {
    // No retry: a refused code must not be tried again, and a 429 is answered at once.
    const binding = await deps.client.bindings.bind(
      { channel: message.channel, userId: message.channelUserId, code },
      { maxRetries: 0 },
    );
    deps.identity.forget(message.channel, message.channelUserId);
    const role = binding.subject.kind;
    return { text: t.bindDone({ role }), followUps: t.helpFollowUps({ role }) };
  } catch (error) {
    if (error instanceof RateLimitError) {
      return {
        text: t.bindTooMany({ minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) }),
      };
    }
    if (error instanceof RuleViolationError) {
      return { text: t[refusalOf(error.rule)]() };
    }
    throw error;
  }
};

/** Records a hand-off in the shared state, so the staff side can post it and answer back. */
export async function recordHandoff(
  turn: Turn,
  reason: Handoff['reason'],
  question: string,
): Promise<Handoff> {
  const { message } = turn;
  const record: HandoffRecord = {
    id: `hnd_${randomUUID()}`,
    channel: message.channel,
    channelUserId: message.channelUserId,
    conversationId: message.conversationId,
    language: turn.language,
    reason,
    question,
    createdAt: turn.now.toISOString(),
  };
  if (message.threadId !== undefined) record.threadId = message.threadId;
  const previous = turn.context.lastQuestion;
  if (previous !== undefined && previous !== question) record.previousQuestion = previous;
  await turn.deps.state.saveHandoff(record);
  return { reason, question, id: record.id };
}

export const handoff: Handler = async (turn): Promise<Answer> => {
  const result = await recordHandoff(turn, 'requested', turn.message.text.trim());
  return { text: turn.t.handoffRequested(), handoff: result, context: { lastQuestion: undefined } };
};
