import type { Language, Messages } from './language';

/**
 * A broken business rule: a stable code (`agreement.quota_exceeded`), the data that explains
 * it, and a message in each language for the people who may read it.
 */
export interface Violation<Code extends string = string> {
  rule: Code;
  message: Messages;
  data: Record<string, unknown>;
}

export type RuleResult<T> = { ok: true; value: T } | { ok: false; violation: Violation };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = (
  rule: string,
  message: Messages,
  data: Record<string, unknown> = {},
): { ok: false; violation: Violation } => ({ ok: false, violation: { rule, message, data } });

export function violationMessage(violation: Violation, language: Language): string {
  return violation.message[language];
}
