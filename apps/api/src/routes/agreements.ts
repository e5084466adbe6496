/**
 * /v1/agreements: agreements with partner institutions, their quotas and their status. Staff
 * only: a student gets 404 for every path here, the bot on its own 403.
 *
 * Every agreement in a response carries `effectiveStatus`, what core's `agreementStatusAt`
 * says at today's date in the office time zone (`OFFICE_TIME_ZONE`): the stored status,
 * refined by the validity dates (`expiring` inside the renewal notice period, `expired` after
 * the end date). The stored `status` moves only through `POST …/transitions`.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  AcademicYear,
  Agreement,
  AgreementId,
  AgreementInput,
  AgreementKind,
  AgreementStatus,
  academicYearOf,
  addDays,
  agreementExpiresWithin,
  agreementLifecycle,
  agreementStatusAt,
  type CalendarDate,
  CountryCode,
  EffectiveAgreementStatus,
  ExchangeBalance,
  exchangeBalances,
  InstitutionId,
  newId,
  quotaFor,
  StudentStatus,
  today,
} from '@passerelle/core';
import {
  and,
  arrayContains,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../auth/policy';
import { listPage, type Page, pageOf, pageQuery, sortParam } from '../db/keyset';
import { changeRecord, createRecord, removeRecord } from '../db/mutations';
import { contains, findRecord } from '../db/records';
import { agreements, institutions, students } from '../db/schema';
import { anyOf } from '../db/sql';
import type { Queryable } from '../db/store';
import { etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError, type FieldError } from '../http/problem';
import { agreementRepository as repository } from '../repositories/agreements';
import {
  actorOf,
  bearer,
  errors,
  etagHeader,
  patchSchema,
  sentFields,
  validateMerged,
} from './common';

const tags = ['Agreements'];
const IdParams = z.object({ id: AgreementId.meta({ param: { name: 'id', in: 'path' } }) });

/** An agreement as the API answers it: the stored record and its status today. */
export const AgreementWithStatus = Agreement.extend({
  effectiveStatus: EffectiveAgreementStatus.meta({
    description:
      "The status at today's date in the office time zone (core `agreementStatusAt`): the stored status, refined by the validity dates.",
  }),
}).meta({ id: 'AgreementWithStatus' });
export type AgreementWithStatus = z.infer<typeof AgreementWithStatus>;

export const sorts = {
  created: [agreements.createdAt],
  title: [agreements.titleSort],
  end_date: [agreements.endDate],
};

export const ListQuery = z.object({
  ...pageQuery,
  sort: sortParam(sorts, 'created').meta({
    description:
      'Order of the list; a leading "-" reverses it. `end_date` lists only agreements that have an end date (open-ended ones have nothing to order by).',
  }),
  institution_id: InstitutionId.optional().meta({
    description: 'Agreements with this partner institution.',
  }),
  country: CountryCode.optional().meta({
    description: 'Agreements with at least one partner institution in this country.',
  }),
  kind: AgreementKind.optional(),
  status: AgreementStatus.optional().meta({ description: 'The stored status.' }),
  effective_status: EffectiveAgreementStatus.optional().meta({
    description:
      "The status at today's date in the office time zone (core `agreementStatusAt`), e.g. `expiring`.",
  }),
  expiring_within_days: z.coerce.number().int().min(1).max(3650).optional().meta({
    description:
      'Agreements whose end date falls after today and at most this many days later, not terminated (core `agreementExpiresWithin`).',
    example: 180,
  }),
  academic_year: AcademicYear.optional().meta({
    description: 'Agreements with a quota (inbound or outbound) for this academic year.',
  }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Search over the title in every language and the partner reference.' }),
});

/** Everything staff may change by PATCH; the status moves only through /transitions. */
const { status: _status, ...editableShape } = AgreementInput.shape;
const AgreementPatch = patchSchema(editableShape).meta({ id: 'AgreementPatch' });

const TransitionBody = z.object({ to: AgreementStatus }).meta({ id: 'AgreementTransition' });

const BalanceQuery = z.object({
  academic_year: AcademicYear.optional().meta({
    description: "Default: the academic year of today's date in the office time zone.",
  }),
});

const AgreementBalance = ExchangeBalance.extend({
  outboundSource: z.literal('not_recorded').meta({
    description:
      'Where the outbound count comes from. Outbound mobility records are not stored yet, so `outbound` is 0 and `imbalance`/`flagged` reflect inbound students only.',
  }),
  inboundQuota: z
    .number()
    .int()
    .nullable()
    .meta({ description: "The agreement's inbound quota for the year, if it has one." }),
  outboundQuota: z
    .number()
    .int()
    .nullable()
    .meta({ description: "The agreement's outbound quota for the year, if it has one." }),
}).meta({ id: 'AgreementBalance' });

const list = createRoute({
  method: 'get',
  path: '/v1/agreements',
  tags,
  summary: 'List agreements',
  description:
    "Filters combine. `effective_status` and `expiring_within_days` are decided by the core rules at today's date in the office time zone: the indexed columns (stored status, dates) preselect candidates, the rule keeps or drops each, and the page is filled by reading on, so a page may hold fewer than `limit` items only when it is the last one with a match (its `next_cursor` may then lead to an empty page).",
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'A page of agreements',
      content: {
        'application/json': { schema: pageOf(AgreementWithStatus, 'AgreementPage') },
      },
    },
    ...errors(403, 404),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/agreements/{id}',
  tags,
  summary: 'Get an agreement',
  security: bearer,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The agreement',
      headers: etagHeader,
      content: { 'application/json': { schema: AgreementWithStatus } },
    },
    ...errors(403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/agreements',
  tags,
  summary: 'Create an agreement',
  description: 'Every partner in `institutionIds` must exist (400 otherwise).',
  security: bearer,
  request: {
    body: { required: true, content: { 'application/json': { schema: AgreementInput } } },
  },
  responses: {
    201: {
      description: 'Created',
      headers: etagHeader,
      content: { 'application/json': { schema: AgreementWithStatus } },
    },
    ...errors(403, 404, 413, 415),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/v1/agreements/{id}',
  tags,
  summary: 'Change some fields of an agreement',
  description:
    'Only the fields sent change (`quotas` is replaced whole). `status` is refused here: use `POST /v1/agreements/{id}/transitions`.',
  security: bearer,
  request: {
    params: IdParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: AgreementPatch } } },
  },
  responses: {
    200: {
      description: 'The changed agreement',
      headers: etagHeader,
      content: { 'application/json': { schema: AgreementWithStatus } },
    },
    ...errors(403, 404, 412, 413, 415),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/agreements/{id}',
  tags,
  summary: 'Delete an agreement (admin)',
  security: bearer,
  request: { params: IdParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errors(403, 404, 412) },
});

const transition = createRoute({
  method: 'post',
  path: '/v1/agreements/{id}/transitions',
  tags,
  summary: 'Move an agreement to another stored status',
  description:
    'Follows draft → negotiating → signed → active → expired, with terminated from any state before expired (and negotiating back to draft). An illegal move is 409 `illegal-transition` with the allowed next states in `data.allowed`. Moving to `signed` records `signedOn` (today in the office time zone) when it is not set.',
  security: bearer,
  request: {
    params: IdParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: TransitionBody } } },
  },
  responses: {
    200: {
      description: 'The agreement in its new status',
      headers: etagHeader,
      content: { 'application/json': { schema: AgreementWithStatus } },
    },
    ...errors(403, 404, 409, 412, 413, 415),
  },
});

const balance = createRoute({
  method: 'get',
  path: '/v1/agreements/{id}/balance',
  tags,
  summary: 'Exchange balance of an agreement for an academic year',
  description:
    'Rule 3 (core `exchangeBalances`): inbound counts the students recorded under the agreement for the year who were at least admitted and have not withdrawn. Outbound mobility is not recorded yet: `outbound` is 0 and `outboundSource` is `not_recorded`.',
  security: bearer,
  request: { params: IdParams, query: BalanceQuery },
  responses: {
    200: {
      description: 'The balance',
      content: { 'application/json': { schema: AgreementBalance } },
    },
    ...errors(403, 404),
  },
});

/** The agreement with its status on `date`. */
export function withStatus(record: Agreement, date: CalendarDate): AgreementWithStatus {
  return { ...record, effectiveStatus: agreementStatusAt(record, date) };
}

/** Stored statuses whose effective status also depends on the dates (see agreementStatusAt). */
const dated = ['signed', 'active', 'expired'] as const;

/**
 * For each effective status, SQL on the indexed columns that holds for every agreement that
 * can have it on `date` (a superset): core's `agreementStatusAt` then decides row by row. A
 * test compares this filter with the rule over every agreement.
 */
function effectiveStatusCandidates(status: EffectiveAgreementStatus, date: CalendarDate): SQL {
  const isDated = inArray(agreements.status, [...dated]);
  switch (status) {
    case 'draft':
    case 'negotiating':
    case 'terminated':
      return eq(agreements.status, status);
    case 'signed':
      return and(isDated, gt(agreements.startDate, date)) ?? isDated;
    case 'active':
      return and(isDated, or(isNull(agreements.endDate), gte(agreements.endDate, date))) ?? isDated;
    case 'expiring':
      return and(isDated, gte(agreements.endDate, date)) ?? isDated;
    case 'expired':
      return and(isDated, or(isNull(agreements.endDate), lt(agreements.endDate, date))) ?? isDated;
  }
}

/**
 * A page of the records `keep` accepts, filled by reading on past rejected ones. Each read
 * asks for a batch; when a batch holds more accepted records than the page needs, the page is
 * cut after the last one needed and its cursor is taken by reading that exact prefix again,
 * so the next page starts right after the last record returned.
 */
export async function filteredPage<R>(
  read: (limit: number, cursor: string | undefined) => Promise<Page<R>>,
  keep: ((record: R) => boolean) | undefined,
  limit: number,
  cursor: string | undefined,
): Promise<Page<R>> {
  if (keep === undefined) return read(limit, cursor);
  const data: R[] = [];
  let from = cursor;
  for (;;) {
    const need = limit - data.length;
    const batch = await read(Math.min(Math.max(need * 2, 50), 200), from);
    let taken = 0;
    for (const [index, record] of batch.data.entries()) {
      if (!keep(record)) continue;
      data.push(record);
      taken++;
      if (taken === need) {
        const rest = batch.data.length > index + 1 || batch.next_cursor !== null;
        const next_cursor = rest ? (await read(index + 1, from)).next_cursor : null;
        return { data, next_cursor };
      }
    }
    if (batch.next_cursor === null) return { data, next_cursor: null };
    from = batch.next_cursor;
  }
}

/** 400 unless every institution id names a stored institution. */
async function checkInstitutions(db: Queryable, ids: readonly string[]): Promise<void> {
  const rows = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(anyOf(institutions.id, [...ids]));
  const known = new Set(rows.map((row) => row.id));
  const missing: FieldError[] = ids.flatMap((id, index) =>
    known.has(id)
      ? []
      : [{ path: `body.institutionIds.${index}`, message: `there is no institution ${id}` }],
  );
  if (missing.length > 0) {
    throw new ApiError('validation', {
      detail: missing.map((error) => `${error.path}: ${error.message}`).join('; '),
      errors: missing,
    });
  }
}

/**
 * The list's filters at `date` (shared with the spreadsheet export): SQL on the indexed
 * columns, and the core rules that keep or drop each candidate (see `filteredPage`).
 */
export function listFilters(
  query: Omit<z.output<typeof ListQuery>, 'limit' | 'cursor'>,
  date: CalendarDate,
): { where: (SQL | undefined)[]; keep: ((record: Agreement) => boolean) | undefined } {
  const within = query.expiring_within_days;
  const effective = query.effective_status;
  const where: (SQL | undefined)[] = [
    query.institution_id === undefined
      ? undefined
      : arrayContains(agreements.institutionIds, [query.institution_id]),
    query.country === undefined
      ? undefined
      : sql`${agreements.institutionIds} && array(select ${institutions.id} from ${institutions} where ${institutions.country} = ${query.country})`,
    query.kind === undefined ? undefined : eq(agreements.kind, query.kind),
    query.status === undefined ? undefined : eq(agreements.status, query.status),
    effective === undefined ? undefined : effectiveStatusCandidates(effective, date),
    // agreementExpiresWithin on the end_date index: after today, at most `within` days later.
    within === undefined
      ? undefined
      : and(
          ne(agreements.status, 'terminated'),
          gt(agreements.endDate, date),
          lte(agreements.endDate, addDays(date, within)),
        ),
    query.academic_year === undefined
      ? undefined
      : sql`${agreements.data}->'quotas' @> ${JSON.stringify([{ academicYear: query.academic_year }])}::jsonb`,
    query.q === undefined ? undefined : contains(agreements.search, query.q),
    query.sort.replace(/^-/, '') === 'end_date' ? isNotNull(agreements.endDate) : undefined,
  ];
  const rules: ((record: Agreement) => boolean)[] = [];
  if (effective !== undefined) {
    rules.push((record) => agreementStatusAt(record, date) === effective);
  }
  if (within !== undefined) rules.push((record) => agreementExpiresWithin(record, date, within));
  return {
    where,
    keep: rules.length === 0 ? undefined : (record) => rules.every((rule) => rule(record)),
  };
}

export function registerAgreements(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const officeToday = () => today(deps.now(), deps.config.OFFICE_TIME_ZONE);

  app.openapi(list, async (c) => {
    authorize(authOf(c), 'agreements', 'read');
    const query = c.req.valid('query');
    const date = officeToday();
    const { where, keep } = listFilters(query, date);
    const page = await filteredPage(
      (limit, cursor) =>
        listPage(db, repository, { where, sorts, sort: query.sort, limit, cursor }),
      keep,
      query.limit,
      query.cursor,
    );
    return c.json(
      {
        data: page.data.map((record) => withStatus(record, date)),
        next_cursor: page.next_cursor,
      },
      200,
    );
  });

  app.openapi(get, async (c) => {
    authorize(authOf(c), 'agreements', 'read');
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id);
    if (record === undefined) throw ApiError.notFound(`Agreement ${id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(withStatus(record, officeToday()), 200);
  });

  app.openapi(create, async (c) => {
    authorize(authOf(c), 'agreements', 'create');
    const input = c.req.valid('json');
    await checkInstitutions(db, input.institutionIds);
    const now = deps.now().toISOString();
    const record = await createRecord(db, actorOf(c, deps), repository, {
      ...input,
      id: newId('agr', Date.parse(now)),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    c.header('Location', `/v1/agreements/${record.id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(withStatus(record, officeToday()), 201);
  });

  app.openapi(patch, async (c) => {
    authorize(authOf(c), 'agreements', 'update');
    const { id } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const { after } = await changeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
      details: { fields: Object.keys(changes) },
      change: async (current, tx) => {
        if (changes.institutionIds !== undefined) {
          await checkInstitutions(tx, changes.institutionIds);
        }
        const merged = { ...current, ...changes };
        return { ...merged, ...validateMerged(AgreementInput, merged) };
      },
    });
    c.header('ETag', etagOf(after.version));
    return c.json(withStatus(after, officeToday()), 200);
  });

  app.openapi(remove, async (c) => {
    authorize(authOf(c), 'agreements', 'delete');
    const { id } = c.req.valid('param');
    await removeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
    });
    return c.body(null, 204);
  });

  app.openapi(transition, async (c) => {
    authorize(authOf(c), 'agreements', 'update');
    const { id } = c.req.valid('param');
    const { to } = c.req.valid('json');
    const date = officeToday();
    const { after } = await changeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
      action: 'agreement.transition',
      details: { to },
      change: (current) => {
        const move = agreementLifecycle.move(current.status, to);
        if (!move.ok) throw ApiError.fromViolation(move.violation, 'illegal_transition');
        return {
          ...current,
          status: to,
          ...(to === 'signed' && current.signedOn === undefined ? { signedOn: date } : {}),
        };
      },
    });
    c.header('ETag', etagOf(after.version));
    return c.json(withStatus(after, date), 200);
  });

  app.openapi(balance, async (c) => {
    authorize(authOf(c), 'agreements', 'read');
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id);
    if (record === undefined) throw ApiError.notFound(`Agreement ${id}`);
    const academicYear = c.req.valid('query').academic_year ?? academicYearOf(officeToday());
    // Only the columns the rule reads, through the (agreement_id, academic_year, status) index.
    const inbound = await db
      .select({ status: students.status, academicYear: students.academicYear })
      .from(students)
      .where(and(eq(students.agreementId, id), eq(students.academicYear, academicYear)));
    const [result] = exchangeBalances(
      [record],
      inbound.map((row) => ({
        agreementId: id,
        academicYear: row.academicYear,
        status: StudentStatus.parse(row.status),
      })),
      [],
      academicYear,
    );
    if (result === undefined) throw new ApiError('internal');
    return c.json(
      {
        ...result,
        outboundSource: 'not_recorded' as const,
        inboundQuota: quotaFor(record, academicYear, 'inbound')?.students ?? null,
        outboundQuota: quotaFor(record, academicYear, 'outbound')?.students ?? null,
      },
      200,
    );
  });
}
