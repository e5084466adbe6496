export { APIPromise, type APIResponse } from './api-promise';
export { Passerelle } from './client';
export {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  ConflictError,
  type ErrorDetails,
  EwpImportRejectedError,
  errorFromResponse,
  type FieldError,
  IdempotencyError,
  InternalServerError,
  NotFoundError,
  PasserelleError,
  PermissionDeniedError,
  PreconditionFailedError,
  type Problem,
  problemTypes,
  RateLimitError,
  ResponseValidationError,
  RuleViolationError,
  SheetImportRejectedError,
  ValidationError,
} from './errors';
export type {
  ActAs,
  ClientOptions,
  Fetch,
  FetchResponse,
  RequestOptions,
  WriteOptions,
} from './options';
export { DEFAULT_BASE_URL, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './options';
export { Page, PagePromise } from './pagination';
export type { Bindings, Tokens } from './resources/access';
export type { Agreements } from './resources/agreements';
export type { Delegations, FollowUps, Itinerary, Outcomes } from './resources/delegations';
export type { EventRegistrations, Events } from './resources/events';
export type { Institutions } from './resources/institutions';
export {
  type Admin,
  type Calendars,
  delegationFeedUrl,
  type Ewp,
  type Spreadsheets,
} from './resources/interchange';
export type { Articles, Knowledge } from './resources/knowledge';
export type { Alerts, Audit, Reports } from './resources/office';
export type { Awards, Publications, StaffMembers } from './resources/people';
export type {
  ReminderClaimParams,
  ReminderFailure,
  ReminderListParams,
  Reminders,
} from './resources/reminders';
export type { Students } from './resources/students';
export {
  backoffDelay,
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  retryAfterMs,
  retryableConflictTypes,
} from './retry';
export { type BinaryBody, newIdempotencyKey, type ResponseKind } from './transport';
export type * from './types';
export { VERSION } from './version';
