/**
 * Optional checks of answers against the @passerelle/core schemas (`validateResponses`).
 * The schemas (and zod) are loaded on the first check only, so a client that does not
 * validate never loads them.
 */
import type { FieldError } from './errors';

/** The structural part of a zod schema the checks use. */
export interface Checker {
  safeParse(value: unknown):
    | { success: true }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      };
}

/** A core schema an answer can be checked against. */
export type SchemaName =
  | 'Agreement'
  | 'Article'
  | 'Award'
  | 'ClaimedReminder'
  | 'Delegation'
  | 'DocumentAlert'
  | 'Event'
  | 'FollowUp'
  | 'Institution'
  | 'InstitutionPublicView'
  | 'ItineraryItem'
  | 'Outcome'
  | 'Publication'
  | 'Registration'
  | 'Reminder'
  | 'ReminderPreference'
  | 'ReminderRun'
  | 'Staff'
  | 'StaffPublicView'
  | 'Student'
  | 'StudentSelfView'
  | 'YearEndReview';

type Core = typeof import('@passerelle/core');

const schemaLoaders: Readonly<Record<SchemaName, (core: Core) => Checker>> = {
  Agreement: (core: Core) => core.Agreement,
  Article: (core: Core) => core.Article,
  Award: (core: Core) => core.Award,
  ClaimedReminder: (core: Core) => core.ClaimedReminder,
  Delegation: (core: Core) => core.Delegation,
  DocumentAlert: (core: Core) => core.DocumentAlert,
  Event: (core: Core) => core.Event,
  FollowUp: (core: Core) => core.FollowUp,
  Institution: (core: Core) => core.Institution,
  /** What students and the bot see of a partner. */
  InstitutionPublicView: (core: Core) => core.InstitutionPublicView,
  ItineraryItem: (core: Core) => core.ItineraryItem,
  Outcome: (core: Core) => core.Outcome,
  Publication: (core: Core) => core.Publication,
  Registration: (core: Core) => core.Registration,
  Reminder: (core: Core) => core.Reminder,
  ReminderPreference: (core: Core) => core.ReminderPreference,
  ReminderRun: (core: Core) => core.ReminderRun,
  Staff: (core: Core) => core.Staff,
  /** What students see of a member of staff. */
  StaffPublicView: (core: Core) => core.StaffPublicView,
  Student: (core: Core) => core.Student,
  StudentSelfView: (core: Core) => core.StudentSelfView,
  YearEndReview: (core: Core) => core.YearEndReview,
};

/**
 * What an answer holds: one record (`one`), a page `{ data, next_cursor }` (`page`) or a
 * list `{ data }` (`items`), each record matching one of `schemas`.
 */
export interface Shape {
  kind: 'one' | 'page' | 'items';
  schemas: readonly SchemaName[];
}

export const one = (...schemas: SchemaName[]): Shape => ({ kind: 'one', schemas });
export const page = (...schemas: SchemaName[]): Shape => ({ kind: 'page', schemas });
export const items = (...schemas: SchemaName[]): Shape => ({ kind: 'items', schemas });

let loaded: Promise<Core> | undefined;
const checkers = new Map<SchemaName, Checker>();

async function checker(name: SchemaName): Promise<Checker> {
  const known = checkers.get(name);
  if (known !== undefined) return known;
  loaded ??= import('@passerelle/core');
  const made = schemaLoaders[name](await loaded);
  checkers.set(name, made);
  return made;
}

/** The problems of the envelope of a list (`data`, `next_cursor`); no schema is loaded. */
export function checkStructure(shape: Shape, body: unknown): FieldError[] {
  if (shape.kind === 'one') return [];
  if (typeof body !== 'object' || body === null || !('data' in body)) {
    return [{ path: '', message: 'expected an object with `data`' }];
  }
  const issues: FieldError[] = [];
  if (!Array.isArray(body.data)) issues.push({ path: 'data', message: 'expected an array' });
  if (shape.kind === 'page') {
    const next = 'next_cursor' in body ? body.next_cursor : undefined;
    if (typeof next !== 'string' && next !== null) {
      issues.push({ path: 'next_cursor', message: 'expected a string or null' });
    }
  }
  return issues;
}

/** The problems of `body` against `shape`, records included; empty when it matches. */
export async function checkShape(shape: Shape, body: unknown): Promise<FieldError[]> {
  if (shape.kind === 'one') return checkRecord(shape.schemas, body, '');
  const issues = checkStructure(shape, body);
  if (issues.length > 0) return issues;
  const data = (body as { data: unknown[] }).data;
  for (const [index, item] of data.entries()) {
    issues.push(...(await checkRecord(shape.schemas, item, `data.${index}`)));
  }
  return issues;
}

/** A record matches when one of the schemas accepts it; otherwise the first one's issues. */
async function checkRecord(
  names: readonly SchemaName[],
  value: unknown,
  at: string,
): Promise<FieldError[]> {
  let first: FieldError[] | undefined;
  for (const name of names) {
    const result = (await checker(name)).safeParse(value);
    if (result.success) return [];
    first ??= result.error.issues.map((issue) => ({
      path: [at, ...issue.path.map(String)].filter((part) => part !== '').join('.'),
      message: `${issue.message} (${name})`,
    }));
  }
  return first ?? [];
}
