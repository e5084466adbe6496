/** What the person reads when the API fails: a polite sentence, never a stack trace. */
import {
  APIConnectionError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '@passerelle/sdk';
import type { MessageSet } from './messages';

export type Failure = 'rate_limited' | 'unavailable' | 'not_found' | 'forbidden' | 'failed';

export function failureOf(error: unknown): Failure {
  if (error instanceof RateLimitError) return 'rate_limited';
  if (error instanceof APIConnectionError || error instanceof InternalServerError) {
    return 'unavailable';
  }
  if (error instanceof NotFoundError) return 'not_found';
  if (error instanceof PermissionDeniedError) return 'forbidden';
  return 'failed';
}

export function failureText(error: unknown, t: MessageSet): string {
  switch (failureOf(error)) {
    case 'rate_limited': {
      const wait = error instanceof RateLimitError ? (error.retryAfter ?? 30) : 30;
      return t.apiRateLimited({ seconds: Math.max(1, Math.ceil(wait)) });
    }
    case 'unavailable':
      return t.unavailable();
    case 'not_found':
      return t.notFound();
    // A refusal reveals nothing about what was refused.
    case 'forbidden':
      return t.staffOnly();
    default:
      return t.failed();
  }
}
