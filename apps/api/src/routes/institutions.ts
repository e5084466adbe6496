/**
 * /v1/institutions: partner institutions. Staff and admins see and edit everything; students
 * and the bot see partners only (stage partner or dormant), names and places only.
 *
 * This file is the pattern for a resource: route definitions with createRoute (core schemas
 * in, core schemas out), `authorize` first, reads through the repository, writes through
 * createRecord / changeRecord / removeRecord (transaction + If-Match + audit), ETag on every
 * record response. Idempotency-Key on POST is handled by the app for every route.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  CountryCode,
  Delegation,
  Institution,
  InstitutionId,
  InstitutionInput,
  InstitutionKind,
  newId,
  RelationshipStage,
  relationshipStages,
  today,
} from '@passerelle/core';
import { arrayContains, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type Access, authorize, denied } from '../auth/policy';
import { listPage, pageOf, pageQuery, sortParam } from '../db/keyset';
import { changeRecord, createRecord, removeRecord } from '../db/mutations';
import { contains, findRecord, storedRecord } from '../db/records';
import { agreements, delegations, institutions } from '../db/schema';
import { etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { agreementRepository } from '../repositories/agreements';
import { delegationRepository } from '../repositories/delegations';
import {
  InstitutionPublicView,
  publicStages,
  institutionRepository as repository,
  toInstitutionPublicView,
} from '../repositories/institutions';
import { AgreementWithStatus, withStatus } from './agreements';
import { actorOf, bearer, errors, etagHeader, patchSchema, sentFields } from './common';

const tags = ['Institutions'];
const IdParams = z.object({ id: InstitutionId.meta({ param: { name: 'id', in: 'path' } }) });
const InstitutionOrView = z.union([Institution, InstitutionPublicView]);

export const sorts = {
  name: [institutions.nameSort],
  created: [institutions.createdAt],
};

export const ListQuery = z.object({
  ...pageQuery,
  sort: sortParam(sorts, 'name'),
  country: CountryCode.optional(),
  stage: RelationshipStage.optional(),
  kind: InstitutionKind.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Search over names in every language, short name and aliases.' }),
});

const InstitutionPatch = patchSchema(InstitutionInput.shape).meta({ id: 'InstitutionPatch' });

const list = createRoute({
  method: 'get',
  path: '/v1/institutions',
  tags,
  summary: 'List institutions',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'A page of institutions',
      content: { 'application/json': { schema: pageOf(InstitutionOrView, 'InstitutionPage') } },
    },
    ...errors(403, 404),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/institutions/{id}',
  tags,
  summary: 'Get an institution',
  security: bearer,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The institution',
      headers: etagHeader,
      content: { 'application/json': { schema: InstitutionOrView } },
    },
    ...errors(403, 404),
  },
});

const InstitutionOverview = z
  .object({
    institution: Institution,
    agreements: z.array(AgreementWithStatus).meta({
      description: 'Every agreement the institution is party to, oldest first.',
    }),
    delegations: z.array(Delegation).meta({
      description: 'Every delegation to or from the institution, by start date.',
    }),
  })
  .meta({ id: 'InstitutionOverview' });

const overview = createRoute({
  method: 'get',
  path: '/v1/institutions/{id}/overview',
  tags,
  summary: 'An institution with its agreements and delegations',
  description:
    "What a partner's page shows, in one request: the institution, every agreement it is party to (with its effective status today) and every delegation to or from it. For staff: it needs the right to read institutions, agreements and delegations.",
  security: bearer,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The institution (ETag: its version), its agreements and its delegations',
      headers: etagHeader,
      content: { 'application/json': { schema: InstitutionOverview } },
    },
    ...errors(403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/institutions',
  tags,
  summary: 'Create an institution',
  security: bearer,
  request: {
    body: { required: true, content: { 'application/json': { schema: InstitutionInput } } },
  },
  responses: {
    201: {
      description: 'Created',
      headers: etagHeader,
      content: { 'application/json': { schema: Institution } },
    },
    ...errors(403, 404, 409, 413, 415, 422),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/v1/institutions/{id}',
  tags,
  summary: 'Change some fields of an institution',
  description:
    'Only the fields sent change. A change of `stage` must follow the relationship stages (409 otherwise) and is added to `stageHistory`.',
  security: bearer,
  request: {
    params: IdParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: InstitutionPatch } } },
  },
  responses: {
    200: {
      description: 'The changed institution',
      headers: etagHeader,
      content: { 'application/json': { schema: Institution } },
    },
    ...errors(403, 404, 409, 412, 413, 415),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/institutions/{id}',
  tags,
  summary: 'Delete an institution (admin)',
  security: bearer,
  request: { params: IdParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errors(403, 404, 412) },
});

/** The list's filters (shared with the spreadsheet export). */
export function listFilters(query: Omit<z.output<typeof ListQuery>, 'limit' | 'cursor' | 'sort'>) {
  return [
    query.country === undefined ? undefined : eq(institutions.country, query.country),
    query.stage === undefined ? undefined : eq(institutions.stage, query.stage),
    query.kind === undefined ? undefined : eq(institutions.kind, query.kind),
    query.q === undefined ? undefined : contains(institutions.search, query.q),
  ];
}

/** Full records for staff; partners only, as a public view, for everyone else. */
function shape(access: Access, record: Institution) {
  return access === 'all' ? record : toInstitutionPublicView(record);
}

export function registerInstitutions(app: App, deps: AppDeps): void {
  const { db } = deps.store;

  app.openapi(list, async (c) => {
    const access = authorize(authOf(c), 'institutions', 'read');
    const query = c.req.valid('query');
    const page = await listPage(db, repository, {
      where: [
        access === 'all' ? undefined : inArray(institutions.stage, [...publicStages]),
        ...listFilters(query),
      ],
      sorts,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(
      { data: page.data.map((record) => shape(access, record)), next_cursor: page.next_cursor },
      200,
    );
  });

  app.openapi(get, async (c) => {
    const access = authorize(authOf(c), 'institutions', 'read');
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id, {
      where: access === 'all' ? undefined : inArray(institutions.stage, [...publicStages]),
    });
    if (record === undefined) throw ApiError.notFound(`Institution ${id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(shape(access, record), 200);
  });

  app.openapi(overview, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'agreements', 'read');
    authorize(auth, 'delegations', 'read');
    // Whole records only: a role that sees partners as public views has no overview.
    if (authorize(auth, 'institutions', 'read') !== 'all') throw denied(auth);
    const { id } = c.req.valid('param');
    const institution = await findRecord(db, repository, id);
    if (institution === undefined) throw ApiError.notFound(`Institution ${id}`);
    const date = today(deps.now(), deps.config.OFFICE_TIME_ZONE);
    const [agreementRows, delegationRows] = await Promise.all([
      db
        .select({ data: agreements.data })
        .from(agreements)
        .where(arrayContains(agreements.institutionIds, [id]))
        .orderBy(asc(agreements.createdAt), asc(agreements.id)),
      db
        .select({ data: delegations.data })
        .from(delegations)
        .where(arrayContains(delegations.institutionIds, [id]))
        .orderBy(asc(delegations.startDate), asc(delegations.id)),
    ]);
    c.header('ETag', etagOf(institution.version));
    return c.json(
      {
        institution,
        agreements: agreementRows.map((row) =>
          withStatus(storedRecord(agreementRepository, row.data), date),
        ),
        delegations: delegationRows.map((row) => storedRecord(delegationRepository, row.data)),
      },
      200,
    );
  });

  app.openapi(create, async (c) => {
    authorize(authOf(c), 'institutions', 'create');
    const input = c.req.valid('json');
    const now = deps.now().toISOString();
    const record = await createRecord(db, actorOf(c, deps), repository, {
      ...input,
      id: newId('ins', Date.parse(now)),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    c.header('Location', `/v1/institutions/${record.id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 201);
  });

  app.openapi(patch, async (c) => {
    authorize(authOf(c), 'institutions', 'update');
    const { id } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const actor = actorOf(c, deps);
    const { after } = await changeRecord(db, actor, repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
      details: { fields: Object.keys(changes) },
      change: (current) => {
        const next: Institution = { ...current, ...changes };
        if (changes.stage !== undefined && changes.stage !== current.stage) {
          const move = relationshipStages.move(current.stage, changes.stage);
          if (!move.ok) throw ApiError.fromViolation(move.violation, 'illegal_transition');
          if (changes.stageHistory === undefined) {
            next.stageHistory = [
              ...current.stageHistory,
              { stage: changes.stage, on: today(actor.now) },
            ];
          }
        }
        return next;
      },
    });
    c.header('ETag', etagOf(after.version));
    return c.json(after, 200);
  });

  app.openapi(remove, async (c) => {
    authorize(authOf(c), 'institutions', 'delete');
    const { id } = c.req.valid('param');
    await removeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
    });
    return c.body(null, 204);
  });
}
