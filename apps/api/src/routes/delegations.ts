/**
 * /v1/delegations: inbound visits to the university and outbound visits by its people. Staff
 * and admins only; a student gets 404 on every path (as if there were no delegations), the
 * bot 403.
 *
 * Rule 6 (core `validateDelegation`: itinerary inside the dates, nobody in two places at
 * once, nobody in two delegations whose dates overlap) runs on every write that can break it:
 * create, PATCH, and adding or changing an itinerary item. The other delegations it is
 * checked against are preselected in SQL by date range. A write that would introduce a
 * conflict the record did not already have is refused with 422 `rule-violation`, listing
 * every conflict the record would have (`data.violations`, each flagged `introduced`), unless
 * the request says `?force=true`: then it is stored, the audit entry records the forced
 * conflicts, and the response names them in `Passerelle-Violations`. Conflicts stored earlier
 * (forced, or created by another delegation's change) do not block unrelated edits.
 *
 * The itinerary, outcome and follow-up routes are in delegation-parts.ts; they share the
 * write path below.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  CalendarDate,
  CountryCode,
  Delegation,
  DelegationDirection,
  DelegationId,
  DelegationInput,
  DelegationStatus,
  delegationLifecycle,
  FollowUp,
  InstitutionId,
  newId,
  OutcomeId,
  openFollowUps,
  today,
  type Violation,
  validateDelegation,
} from '@passerelle/core';
import { and, arrayContains, eq, gte, lte, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../auth/policy';
import { listPage, pageOf, pageQuery, sortParam } from '../db/keyset';
import { changeRecord, createRecord, removeRecord } from '../db/mutations';
import { contains, findRecord, storedRecord } from '../db/records';
import { delegations } from '../db/schema';
import type { Queryable } from '../db/store';
import { etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppContext, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { delegationRepository as repository } from '../repositories/delegations';
import {
  actorOf,
  bearer,
  errors,
  etagHeader,
  patchSchema,
  sentFields,
  validateMerged,
} from './common';

export const delegationTags = ['Delegations'];

export const DelegationIdParams = z.object({
  id: DelegationId.meta({ param: { name: 'id', in: 'path' } }),
});

/** `?force=true`: store a write even though it introduces rule 6 conflicts. */
export const ForceQuery = z.object({
  force: z.enum(['true', 'false']).optional().meta({
    description:
      'Store the change even if it introduces conflicts (double bookings, items outside the dates, overlapping delegations); they are then listed in the `Passerelle-Violations` header and the audit log.',
  }),
});

/** The response header that names the conflicts a stored delegation has after a write. */
export const VIOLATIONS_HEADER = 'Passerelle-Violations';

export const delegationResponseHeaders = {
  ...etagHeader,
  [VIOLATIONS_HEADER]: {
    schema: { type: 'string' as const },
    description:
      'Present when the stored delegation breaks rule 6: the rule code of each conflict, comma-separated (details at GET /v1/delegations/{id}/validation).',
  },
};

export const ViolationSchema = z
  .object({
    rule: z.string().meta({ example: 'delegation.member_double_booked' }),
    message: z.object({ en: z.string(), zh: z.string(), fr: z.string() }),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'DelegationViolation', description: 'A broken business rule, as core names it.' });

const ValidationResult = z
  .object({ valid: z.boolean(), violations: z.array(ViolationSchema) })
  .meta({ id: 'DelegationValidation' });

const OpenFollowUpSchema = FollowUp.extend({
  outcomeId: OutcomeId,
  overdue: z.boolean().meta({ description: 'The due date has passed.' }),
}).meta({ id: 'OpenFollowUp' });

const sorts = {
  start_date: [delegations.startDate],
  created: [delegations.createdAt],
};

const ListQuery = z.object({
  ...pageQuery,
  sort: sortParam(sorts, 'start_date'),
  direction: DelegationDirection.optional(),
  status: DelegationStatus.optional(),
  from: CalendarDate.optional().meta({
    description: 'Delegations whose dates overlap `from`..`to` (either bound may be left out).',
  }),
  to: CalendarDate.optional(),
  institution_id: InstitutionId.optional().meta({
    description:
      'Delegations visiting or sent by this institution: named on the delegation or on one of its itinerary items.',
  }),
  country: CountryCode.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Search over the title in every language and the names of the people.' }),
});

/** Everything but the status, which moves only through /transitions. */
const { status: _status, ...editableShape } = DelegationInput.shape;
const DelegationPatch = patchSchema(editableShape).meta({ id: 'DelegationPatch' });

const TransitionBody = z.object({ to: DelegationStatus }).meta({ id: 'DelegationTransition' });

const FollowUpsQuery = z.object({
  date: CalendarDate.optional().meta({
    description: 'The day to judge `overdue` at (default: today in the office time zone).',
  }),
});

const list = createRoute({
  method: 'get',
  path: '/v1/delegations',
  tags: delegationTags,
  summary: 'List delegations',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'A page of delegations',
      content: { 'application/json': { schema: pageOf(Delegation, 'DelegationPage') } },
    },
    ...errors(403, 404),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/delegations/{id}',
  tags: delegationTags,
  summary: 'Get a delegation',
  security: bearer,
  request: { params: DelegationIdParams },
  responses: {
    200: {
      description: 'The delegation, with its itinerary and outcomes',
      headers: etagHeader,
      content: { 'application/json': { schema: Delegation } },
    },
    ...errors(403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/delegations',
  tags: delegationTags,
  summary: 'Create a delegation',
  description:
    'The itinerary and outcomes start empty (add them with their own routes). A leader or member already in another delegation whose dates overlap is refused with 422 `delegation.person_overlapping_delegations`, every conflict listed in `data.violations`, unless `?force=true`.',
  security: bearer,
  request: {
    query: ForceQuery,
    body: { required: true, content: { 'application/json': { schema: DelegationInput } } },
  },
  responses: {
    201: {
      description: 'Created',
      headers: delegationResponseHeaders,
      content: { 'application/json': { schema: Delegation } },
    },
    ...errors(403, 404, 413, 415, 422),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/v1/delegations/{id}',
  tags: delegationTags,
  summary: 'Change some fields of a delegation',
  description:
    'Only the fields sent change; `status` moves through /transitions. The result is checked against rule 6 (422 with every conflict, unless `?force=true`).',
  security: bearer,
  request: {
    params: DelegationIdParams,
    query: ForceQuery,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: DelegationPatch } } },
  },
  responses: {
    200: {
      description: 'The changed delegation',
      headers: delegationResponseHeaders,
      content: { 'application/json': { schema: Delegation } },
    },
    ...errors(403, 404, 412, 413, 415, 422),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/delegations/{id}',
  tags: delegationTags,
  summary: 'Delete a delegation (admin)',
  security: bearer,
  request: { params: DelegationIdParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errors(403, 404, 412) },
});

const transition = createRoute({
  method: 'post',
  path: '/v1/delegations/{id}/transitions',
  tags: delegationTags,
  summary: 'Move a delegation to another status',
  description:
    'planned → approved → underway → completed; an approval can go back to planned; cancelled from any state before completed. An illegal move is 409 `illegal-transition` with the allowed next states in `data.allowed`.',
  security: bearer,
  request: {
    params: DelegationIdParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: TransitionBody } } },
  },
  responses: {
    200: {
      description: 'The delegation in its new status',
      headers: etagHeader,
      content: { 'application/json': { schema: Delegation } },
    },
    ...errors(403, 404, 409, 412, 413, 415),
  },
});

const validation = createRoute({
  method: 'get',
  path: '/v1/delegations/{id}/validation',
  tags: delegationTags,
  summary: 'Check a delegation against rule 6',
  description:
    'Every conflict at once: itinerary items outside the dates, people in two places at once, people in another delegation whose dates overlap.',
  security: bearer,
  request: { params: DelegationIdParams },
  responses: {
    200: {
      description: 'Whether the delegation is valid, and every violation',
      content: { 'application/json': { schema: ValidationResult } },
    },
    ...errors(403, 404),
  },
});

const followUps = createRoute({
  method: 'get',
  path: '/v1/delegations/{id}/follow-ups',
  tags: delegationTags,
  summary: 'Open follow-up actions of a delegation',
  description: 'Follow-ups not done nor cancelled, earliest due first, flagged when overdue.',
  security: bearer,
  request: { params: DelegationIdParams, query: FollowUpsQuery },
  responses: {
    200: {
      description: 'The open follow-ups',
      content: {
        'application/json': {
          schema: z.object({ data: z.array(OpenFollowUpSchema) }).meta({ id: 'OpenFollowUpList' }),
        },
      },
    },
    ...errors(403, 404),
  },
});

// ---------------------------------------------------------------------------------------
// Rule 6 on writes

/**
 * An arbitrary constant: the advisory lock held, until commit, by every write that checks
 * rule 6, so two writes cannot each pass a check the other would have failed (two new
 * delegations led by one person over the same week). Delegations are few; the wait is short.
 */
const CONFLICT_CHECK_LOCK = 7_152_061;

/** The non-cancelled delegations, other than `excludeId`, whose dates meet `start`..`end`. */
async function delegationsOverlapping(
  db: Queryable,
  range: { start: string; end: string },
  excludeId: string,
): Promise<Delegation[]> {
  const rows = await db
    .select({ data: delegations.data })
    .from(delegations)
    .where(
      and(
        lte(delegations.startDate, range.end),
        gte(delegations.endDate, range.start),
        ne(delegations.status, 'cancelled'),
        ne(delegations.id, excludeId),
      ),
    )
    .orderBy(delegations.startDate, delegations.id);
  return rows.map((row) => storedRecord(repository, row.data));
}

/** Every rule 6 violation of a delegation, against the delegations that overlap it. */
export async function delegationViolations(
  db: Queryable,
  record: Delegation,
): Promise<Violation[]> {
  const others = await delegationsOverlapping(
    db,
    { start: record.startDate, end: record.endDate },
    record.id,
  );
  return validateDelegation(record, others);
}

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((item: unknown) => String(item)) : [];

/**
 * What a conflict is about (its rule, and the items or the other delegation involved) and the
 * people caught in it. Dates in its data are left out: a delegation whose dates move keeps its
 * item outside them as the same conflict.
 */
function conflictOf(violation: Violation): { about: string; people: string[] } {
  const { data } = violation;
  const people = Array.isArray(data.people)
    ? data.people.map((person: unknown) =>
        typeof person === 'object' && person !== null && 'personKey' in person
          ? String(person.personKey)
          : String(person),
      )
    : [];
  return {
    about: JSON.stringify([
      violation.rule,
      data.itemId ?? null,
      stringsOf(data.itemIds).sort(),
      data.otherDelegationId ?? null,
    ]),
    people: data.personKeys === undefined ? people : stringsOf(data.personKeys),
  };
}

/**
 * The violations of `after` that `before` did not have: a conflict is known when the record
 * already had one about the same thing that caught at least the same people.
 */
function newConflicts(before: readonly Violation[], after: readonly Violation[]): Violation[] {
  const known = before.map(conflictOf);
  return after.filter((violation) => {
    const conflict = conflictOf(violation);
    return !known.some(
      (old) =>
        old.about === conflict.about &&
        conflict.people.every((person) => old.people.includes(person)),
    );
  });
}

export interface ConflictCheck {
  /** Every violation the record has after the write. */
  violations: Violation[];
  /** Those it did not have before. */
  introduced: Violation[];
}

/**
 * Rule 6 for a write from `before` (undefined for a new delegation) to `next`, inside the
 * write's transaction. New conflicts refuse the write (422, every conflict listed) unless
 * `force`.
 */
async function checkConflicts(
  tx: Queryable,
  before: Delegation | undefined,
  next: Delegation,
  force: boolean,
): Promise<ConflictCheck> {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(CONFLICT_CHECK_LOCK))})`);
  // One preselect over both date ranges serves the check before and after the change.
  const range = {
    start:
      before === undefined || next.startDate < before.startDate ? next.startDate : before.startDate,
    end: before === undefined || next.endDate > before.endDate ? next.endDate : before.endDate,
  };
  const others = await delegationsOverlapping(tx, range, next.id);
  const violations = validateDelegation(next, others);
  const introduced = newConflicts(
    before === undefined ? [] : validateDelegation(before, others),
    violations,
  );
  if (introduced.length > 0 && !force) throw conflictRefusal(violations, introduced);
  return { violations, introduced };
}

function conflictRefusal(violations: Violation[], introduced: Violation[]): ApiError {
  const [first] = introduced;
  const isNew = new Set(introduced);
  const count = introduced.length === 1 ? 'a conflict' : `${introduced.length} conflicts`;
  return new ApiError('rule_violation', {
    detail: `This change would introduce ${count}: ${introduced.map((v) => v.message.en).join(' ')} Send it again with ?force=true to store it anyway.`,
    ...(first === undefined ? {} : { rule: first.rule }),
    data: {
      ...(first === undefined ? {} : { messages: first.message }),
      violations: violations.map((violation) => ({
        ...violation,
        introduced: isNew.has(violation),
      })),
    },
  });
}

/** Audit details of a checked write: the conflicts it stored by force, if any. */
function conflictDetails(check: ConflictCheck): Record<string, unknown> {
  return check.introduced.length === 0
    ? {}
    : { forced: true, conflicts: check.introduced.map((violation) => violation.rule) };
}

export interface DelegationWrite {
  action: string;
  details?: Record<string, unknown>;
  ifMatch: string | undefined;
  /** Check rule 6 on the result; `force` stores it despite new conflicts. */
  check?: { force: boolean };
  /**
   * The delegation after the change; may throw an ApiError (404 for a missing item, …) and
   * add to the audit details.
   */
  change: (current: Delegation, details: Record<string, unknown>) => Delegation;
}

/**
 * Every change to a stored delegation, its itinerary, outcomes and follow-ups goes through
 * here: row locked, If-Match checked, rule 6 checked when asked, version + 1, audited.
 */
export async function writeDelegation(
  deps: AppDeps,
  c: AppContext,
  id: string,
  write: DelegationWrite,
): Promise<{ record: Delegation; violations: Violation[] }> {
  let violations: Violation[] = [];
  // changeRecord reads the details after `change` has run, so the forced conflicts land in them.
  const details: Record<string, unknown> = { ...write.details };
  const { after } = await changeRecord(deps.store.db, actorOf(c, deps), repository, id, {
    ifMatch: write.ifMatch,
    action: write.action,
    details,
    change: async (current, tx) => {
      const next = write.change(current, details);
      if (write.check !== undefined) {
        const check = await checkConflicts(tx, current, next, write.check.force);
        violations = check.violations;
        Object.assign(details, conflictDetails(check));
      }
      return next;
    },
  });
  return { record: after, violations };
}

/** ETag, and the conflicts of the stored record when it has any. */
export function setDelegationHeaders(
  c: AppContext,
  record: Delegation,
  violations: readonly Violation[],
): void {
  c.header('ETag', etagOf(record.version));
  if (violations.length > 0) {
    c.header(VIOLATIONS_HEADER, violations.map((violation) => violation.rule).join(', '));
  }
}

export const isForced = (query: { force?: 'true' | 'false' | undefined }): boolean =>
  query.force === 'true';

/** A delegation's dates overlap `from`..`to` (each bound optional). */
function overlapsRange(from: string | undefined, to: string | undefined) {
  return and(
    to === undefined ? undefined : lte(delegations.startDate, to),
    from === undefined ? undefined : gte(delegations.endDate, from),
  );
}

export function registerDelegations(app: App, deps: AppDeps): void {
  const { db } = deps.store;

  app.openapi(list, async (c) => {
    authorize(authOf(c), 'delegations', 'read');
    const query = c.req.valid('query');
    if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
      throw new ApiError('validation', {
        detail: 'query.to: must not be before from',
        errors: [{ path: 'query.to', message: 'must not be before from' }],
      });
    }
    const page = await listPage(db, repository, {
      where: [
        query.direction === undefined ? undefined : eq(delegations.direction, query.direction),
        query.status === undefined ? undefined : eq(delegations.status, query.status),
        overlapsRange(query.from, query.to),
        query.institution_id === undefined
          ? undefined
          : arrayContains(delegations.institutionIds, [query.institution_id]),
        query.country === undefined
          ? undefined
          : arrayContains(delegations.countries, [query.country]),
        query.q === undefined ? undefined : contains(delegations.search, query.q),
      ],
      sorts,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(page, 200);
  });

  app.openapi(get, async (c) => {
    authorize(authOf(c), 'delegations', 'read');
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id);
    if (record === undefined) throw ApiError.notFound(`Delegation ${id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 200);
  });

  app.openapi(create, async (c) => {
    authorize(authOf(c), 'delegations', 'create');
    const input = c.req.valid('json');
    const force = isForced(c.req.valid('query'));
    const now = deps.now().toISOString();
    const record = repository.schema.parse({
      ...input,
      id: newId('del', Date.parse(now)),
      itinerary: [],
      outcomes: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    const actor = actorOf(c, deps);
    const { created, violations } = await db.transaction(async (tx) => {
      const check = await checkConflicts(tx, undefined, record, force);
      const stored = await createRecord(tx, actor, repository, record, {
        details: conflictDetails(check),
      });
      return { created: stored, violations: check.violations };
    });
    c.header('Location', `/v1/delegations/${created.id}`);
    setDelegationHeaders(c, created, violations);
    return c.json(created, 201);
  });

  app.openapi(patch, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const { record, violations } = await writeDelegation(deps, c, id, {
      action: 'delegation.update',
      details: { fields: Object.keys(changes) },
      ifMatch: c.req.valid('header')['if-match'],
      check: { force: isForced(c.req.valid('query')) },
      change: (current) => {
        const merged = { ...current, ...changes };
        return { ...merged, ...validateMerged(DelegationInput, merged) };
      },
    });
    setDelegationHeaders(c, record, violations);
    return c.json(record, 200);
  });

  app.openapi(remove, async (c) => {
    authorize(authOf(c), 'delegations', 'delete');
    const { id } = c.req.valid('param');
    await removeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
    });
    return c.body(null, 204);
  });

  app.openapi(transition, async (c) => {
    authorize(authOf(c), 'delegations', 'update');
    const { id } = c.req.valid('param');
    const { to } = c.req.valid('json');
    // A status change cannot add a conflict (a cancelled delegation only removes some).
    const { record } = await writeDelegation(deps, c, id, {
      action: 'delegation.transition',
      ifMatch: c.req.valid('header')['if-match'],
      change: (current, details) => {
        const move = delegationLifecycle.move(current.status, to);
        if (!move.ok) throw ApiError.fromViolation(move.violation, 'illegal_transition');
        Object.assign(details, { from: current.status, to });
        return { ...current, status: to };
      },
    });
    c.header('ETag', etagOf(record.version));
    return c.json(record, 200);
  });

  app.openapi(validation, async (c) => {
    authorize(authOf(c), 'delegations', 'read');
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id);
    if (record === undefined) throw ApiError.notFound(`Delegation ${id}`);
    const violations = await delegationViolations(db, record);
    return c.json({ valid: violations.length === 0, violations }, 200);
  });

  app.openapi(followUps, async (c) => {
    authorize(authOf(c), 'delegations', 'read');
    const { id } = c.req.valid('param');
    const { date } = c.req.valid('query');
    const record = await findRecord(db, repository, id);
    if (record === undefined) throw ApiError.notFound(`Delegation ${id}`);
    return c.json(
      { data: openFollowUps(record, date ?? today(deps.now(), deps.config.OFFICE_TIME_ZONE)) },
      200,
    );
  });
}
