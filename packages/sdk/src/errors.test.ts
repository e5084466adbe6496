import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  asProblem,
  ConflictError,
  errorFromResponse,
  IdempotencyError,
  InternalServerError,
  NotFoundError,
  PasserelleError,
  PermissionDeniedError,
  PreconditionFailedError,
  type Problem,
  problemTypes,
  RateLimitError,
  RuleViolationError,
  ValidationError,
} from './errors';

function fromProblem(status: number, type: string, extra: Partial<Problem> = {}) {
  const problem: Problem = { type, title: 'Title', status, requestId: 'req-1', ...extra };
  return errorFromResponse({
    status,
    problem,
    headers: new Headers(),
    requestId: undefined,
  });
}

describe('errorFromResponse', () => {
  it.each([
    [400, problemTypes.validation, ValidationError],
    [400, problemTypes.malformedJson, ValidationError],
    [413, problemTypes.payloadTooLarge, ValidationError],
    [415, problemTypes.unsupportedMediaType, ValidationError],
    [401, problemTypes.unauthenticated, AuthenticationError],
    [403, problemTypes.forbidden, PermissionDeniedError],
    [404, problemTypes.notFound, NotFoundError],
    [409, problemTypes.conflict, ConflictError],
    [409, problemTypes.idempotencyInProgress, ConflictError],
    [409, problemTypes.illegalTransition, RuleViolationError],
    [412, problemTypes.preconditionFailed, PreconditionFailedError],
    [422, problemTypes.ruleViolation, RuleViolationError],
    [422, problemTypes.idempotencyMismatch, IdempotencyError],
    [429, problemTypes.rateLimited, RateLimitError],
    [500, problemTypes.internal, InternalServerError],
    [503, problemTypes.unavailable, InternalServerError],
  ] as const)('maps %i %s to its class', (status, type, Class) => {
    const error = fromProblem(status, type);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(PasserelleError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(Class.name);
    expect(error.status).toBe(status);
    expect(error.problem?.type).toBe(type);
    expect(error.requestId).toBe('req-1');
  });

  it.each([
    [400, ValidationError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [412, PreconditionFailedError],
    [422, RuleViolationError],
    [429, RateLimitError],
    [500, InternalServerError],
    [504, InternalServerError],
  ] as const)('falls back on the status %i for an unknown type', (status, Class) => {
    expect(fromProblem(status, 'about:blank')).toBeInstanceOf(Class);
    expect(
      errorFromResponse({ status, problem: undefined, headers: new Headers(), requestId: 'r' }),
    ).toBeInstanceOf(Class);
  });

  it('uses the base class for other statuses', () => {
    const error = errorFromResponse({
      status: 405,
      problem: undefined,
      headers: new Headers(),
      requestId: undefined,
    });
    expect(error.constructor).toBe(PasserelleError);
    expect(error.message).toBe('405 Request failed');
  });

  it('gives a validation error its fields', () => {
    const fields = [
      { path: 'body.programmeEnd', message: 'programmeEnd must not be before programmeStart' },
    ];
    const error = fromProblem(400, problemTypes.validation, { errors: fields });
    expect((error as ValidationError).fields).toEqual(fields);
    expect((fromProblem(400, problemTypes.malformedJson) as ValidationError).fields).toEqual([]);
  });

  it('gives a rule violation its rule, data and messages in three languages', () => {
    const messages = { en: 'Quota reached.', zh: '名额已满。', fr: 'Quota atteint.' };
    const error = fromProblem(422, problemTypes.ruleViolation, {
      rule: 'agreement.quota_exceeded',
      data: { quota: 5, admitted: 5, messages },
    }) as RuleViolationError;
    expect(error.rule).toBe('agreement.quota_exceeded');
    expect(error.data).toMatchObject({ quota: 5, admitted: 5 });
    expect(error.messages).toEqual(messages);

    const bare = fromProblem(422, problemTypes.ruleViolation) as RuleViolationError;
    expect(bare.rule).toBeUndefined();
    expect(bare.data).toEqual({});
    expect(bare.messages).toBeUndefined();
    const partial = fromProblem(422, problemTypes.ruleViolation, {
      data: { messages: { en: 'only English' } },
    }) as RuleViolationError;
    expect(partial.messages).toBeUndefined();
    const wrong = fromProblem(422, problemTypes.ruleViolation, { data: { messages: 'text' } });
    expect((wrong as RuleViolationError).messages).toBeUndefined();
  });

  it('gives an illegal transition the allowed next states', () => {
    const error = fromProblem(409, problemTypes.illegalTransition, {
      rule: 'student.illegal_transition',
      data: { from: 'applied', to: 'active', allowed: ['admitted', 'withdrawn'] },
    }) as RuleViolationError;
    expect(error.rule).toBe('student.illegal_transition');
    expect(error.data.allowed).toEqual(['admitted', 'withdrawn']);
  });

  it('gives a precondition failure the current version', () => {
    const error = fromProblem(412, problemTypes.preconditionFailed, {
      data: { currentVersion: 4 },
    }) as PreconditionFailedError;
    expect(error.currentVersion).toBe(4);
    expect(
      (fromProblem(412, problemTypes.preconditionFailed) as PreconditionFailedError).currentVersion,
    ).toBeUndefined();
  });

  it('gives a rate limit error its Retry-After in seconds', () => {
    const error = errorFromResponse({
      status: 429,
      problem: undefined,
      headers: new Headers(),
      requestId: undefined,
      retryAfterMs: 1_500,
    }) as RateLimitError;
    expect(error.retryAfter).toBe(1.5);
    expect(
      (fromProblem(429, problemTypes.rateLimited) as RateLimitError).retryAfter,
    ).toBeUndefined();
  });

  it('writes the status, title and detail in the message', () => {
    expect(
      fromProblem(404, problemTypes.notFound, { detail: 'Student stu_1 was not found.' }).message,
    ).toBe('404 Title: Student stu_1 was not found.');
    expect(fromProblem(404, problemTypes.notFound, { detail: 'Title' }).message).toBe('404 Title');
  });
});

describe('asProblem', () => {
  it('accepts a problem body and nothing else', () => {
    expect(asProblem({ type: 't', title: 'T', status: 400 })).toEqual({
      type: 't',
      title: 'T',
      status: 400,
    });
    expect(asProblem(undefined)).toBeUndefined();
    expect(asProblem('text')).toBeUndefined();
    expect(asProblem({ title: 'T', status: 400 })).toBeUndefined();
    expect(asProblem({ type: 't', title: 'T' })).toBeUndefined();
    expect(asProblem({ type: 't', status: 400 })).toBeUndefined();
  });
});
