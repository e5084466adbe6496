/**
 * /v1/publications (articles published about the office's work) and /v1/awards (recognitions
 * handed out at the year-end review). Everyone with a token reads them (they are public
 * records); staff and admins create and change them; only admins delete.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  Award,
  AwardId,
  AwardInput,
  CalendarDate,
  newId,
  Publication,
  PublicationId,
  PublicationInput,
} from '@passerelle/core';
import { eq, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../auth/policy';
import { listPage, pageOf, pageQuery, sortParam } from '../db/keyset';
import { changeRecord, createRecord, removeRecord } from '../db/mutations';
import { contains, findRecord } from '../db/records';
import { awards, publications } from '../db/schema';
import { etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { awardRepository, publicationRepository } from '../repositories/publications';
import { actorOf, bearer, errors, etagHeader, patchSchema, sentFields } from './common';

const Year = z.coerce.number().int().min(1900).max(2200);
const Search = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: `Search over ${what}.` });

// ————— publications —————

const publicationTags = ['Publications'];
const PublicationParams = z.object({
  id: PublicationId.meta({ param: { name: 'id', in: 'path' } }),
});

const publicationSorts = {
  published_on: [publications.publishedOn],
  created: [publications.createdAt],
};

const PublicationQuery = z.object({
  ...pageQuery,
  sort: sortParam(publicationSorts, '-published_on'),
  year: Year.optional().meta({ description: 'Published in this calendar year.', example: 2025 }),
  from: CalendarDate.optional().meta({ description: 'Published on or after this date.' }),
  to: CalendarDate.optional().meta({ description: 'Published on or before this date.' }),
  channel: z.string().trim().min(1).max(200).optional().meta({
    description: 'Exactly this channel (as recorded, e.g. "WeChat official account").',
  }),
  q: Search('titles in every language, channel and tags'),
});

const PublicationPatch = patchSchema(PublicationInput.shape).meta({ id: 'PublicationPatch' });

const listPublications = createRoute({
  method: 'get',
  path: '/v1/publications',
  tags: publicationTags,
  summary: 'List publications',
  description: 'Newest first by default. `year`, `from` and `to` combine.',
  security: bearer,
  request: { query: PublicationQuery },
  responses: {
    200: {
      description: 'A page of publications',
      content: { 'application/json': { schema: pageOf(Publication, 'PublicationPage') } },
    },
    ...errors(403, 404),
  },
});

const getPublication = createRoute({
  method: 'get',
  path: '/v1/publications/{id}',
  tags: publicationTags,
  summary: 'Get a publication',
  security: bearer,
  request: { params: PublicationParams },
  responses: {
    200: {
      description: 'The publication',
      headers: etagHeader,
      content: { 'application/json': { schema: Publication } },
    },
    ...errors(403, 404),
  },
});

const createPublication = createRoute({
  method: 'post',
  path: '/v1/publications',
  tags: publicationTags,
  summary: 'Record a publication',
  security: bearer,
  request: {
    body: { required: true, content: { 'application/json': { schema: PublicationInput } } },
  },
  responses: {
    201: {
      description: 'Created',
      headers: etagHeader,
      content: { 'application/json': { schema: Publication } },
    },
    ...errors(403, 404, 413, 415),
  },
});

const patchPublication = createRoute({
  method: 'patch',
  path: '/v1/publications/{id}',
  tags: publicationTags,
  summary: 'Change some fields of a publication',
  security: bearer,
  request: {
    params: PublicationParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: PublicationPatch } } },
  },
  responses: {
    200: {
      description: 'The changed publication',
      headers: etagHeader,
      content: { 'application/json': { schema: Publication } },
    },
    ...errors(403, 404, 412, 413, 415),
  },
});

const removePublication = createRoute({
  method: 'delete',
  path: '/v1/publications/{id}',
  tags: publicationTags,
  summary: 'Delete a publication (admin)',
  security: bearer,
  request: { params: PublicationParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errors(403, 404, 412) },
});

export function registerPublications(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const repository = publicationRepository;

  app.openapi(listPublications, async (c) => {
    authorize(authOf(c), 'publications', 'read');
    const query = c.req.valid('query');
    const page = await listPage(db, repository, {
      where: [
        query.year === undefined ? undefined : gte(publications.publishedOn, `${query.year}-01-01`),
        query.year === undefined ? undefined : lte(publications.publishedOn, `${query.year}-12-31`),
        query.from === undefined ? undefined : gte(publications.publishedOn, query.from),
        query.to === undefined ? undefined : lte(publications.publishedOn, query.to),
        query.channel === undefined ? undefined : eq(publications.channel, query.channel),
        query.q === undefined ? undefined : contains(publications.search, query.q),
      ],
      sorts: publicationSorts,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(page, 200);
  });

  app.openapi(getPublication, async (c) => {
    authorize(authOf(c), 'publications', 'read');
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id);
    if (record === undefined) throw ApiError.notFound(`Publication ${id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 200);
  });

  app.openapi(createPublication, async (c) => {
    authorize(authOf(c), 'publications', 'create');
    const input = c.req.valid('json');
    const now = deps.now().toISOString();
    const record = await createRecord(db, actorOf(c, deps), repository, {
      ...input,
      id: newId('pub', Date.parse(now)),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    c.header('Location', `/v1/publications/${record.id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 201);
  });

  app.openapi(patchPublication, async (c) => {
    authorize(authOf(c), 'publications', 'update');
    const { id } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const { after } = await changeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
      details: { fields: Object.keys(changes) },
      change: (current) => ({ ...current, ...changes }),
    });
    c.header('ETag', etagOf(after.version));
    return c.json(after, 200);
  });

  app.openapi(removePublication, async (c) => {
    authorize(authOf(c), 'publications', 'delete');
    const { id } = c.req.valid('param');
    await removeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
    });
    return c.body(null, 204);
  });
}

// ————— awards —————

const awardTags = ['Awards'];
const AwardParams = z.object({ id: AwardId.meta({ param: { name: 'id', in: 'path' } }) });

const awardSorts = {
  year: [awards.year],
  created: [awards.createdAt],
};

const AwardQuery = z.object({
  ...pageQuery,
  sort: sortParam(awardSorts, '-year'),
  year: Year.optional().meta({ description: 'Awards of this year.', example: 2023 }),
  category: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Exactly this category (as recorded).' }),
  q: Search('the person and the category'),
});

const AwardPatch = patchSchema(AwardInput.shape).meta({ id: 'AwardPatch' });

const listAwards = createRoute({
  method: 'get',
  path: '/v1/awards',
  tags: awardTags,
  summary: 'List awards',
  description: 'Most recent year first by default.',
  security: bearer,
  request: { query: AwardQuery },
  responses: {
    200: {
      description: 'A page of awards',
      content: { 'application/json': { schema: pageOf(Award, 'AwardPage') } },
    },
    ...errors(403, 404),
  },
});

const getAward = createRoute({
  method: 'get',
  path: '/v1/awards/{id}',
  tags: awardTags,
  summary: 'Get an award',
  security: bearer,
  request: { params: AwardParams },
  responses: {
    200: {
      description: 'The award',
      headers: etagHeader,
      content: { 'application/json': { schema: Award } },
    },
    ...errors(403, 404),
  },
});

const createAward = createRoute({
  method: 'post',
  path: '/v1/awards',
  tags: awardTags,
  summary: 'Record an award',
  security: bearer,
  request: {
    body: { required: true, content: { 'application/json': { schema: AwardInput } } },
  },
  responses: {
    201: {
      description: 'Created',
      headers: etagHeader,
      content: { 'application/json': { schema: Award } },
    },
    ...errors(403, 404, 413, 415),
  },
});

const patchAward = createRoute({
  method: 'patch',
  path: '/v1/awards/{id}',
  tags: awardTags,
  summary: 'Change some fields of an award',
  security: bearer,
  request: {
    params: AwardParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: AwardPatch } } },
  },
  responses: {
    200: {
      description: 'The changed award',
      headers: etagHeader,
      content: { 'application/json': { schema: Award } },
    },
    ...errors(403, 404, 412, 413, 415),
  },
});

const removeAward = createRoute({
  method: 'delete',
  path: '/v1/awards/{id}',
  tags: awardTags,
  summary: 'Delete an award (admin)',
  security: bearer,
  request: { params: AwardParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errors(403, 404, 412) },
});

export function registerAwards(app: App, deps: AppDeps): void {
  const { db } = deps.store;
  const repository = awardRepository;

  app.openapi(listAwards, async (c) => {
    authorize(authOf(c), 'awards', 'read');
    const query = c.req.valid('query');
    const page = await listPage(db, repository, {
      where: [
        query.year === undefined ? undefined : eq(awards.year, query.year),
        query.category === undefined ? undefined : eq(awards.category, query.category),
        query.q === undefined ? undefined : contains(awards.search, query.q),
      ],
      sorts: awardSorts,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return c.json(page, 200);
  });

  app.openapi(getAward, async (c) => {
    authorize(authOf(c), 'awards', 'read');
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id);
    if (record === undefined) throw ApiError.notFound(`Award ${id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 200);
  });

  app.openapi(createAward, async (c) => {
    authorize(authOf(c), 'awards', 'create');
    const input = c.req.valid('json');
    const now = deps.now().toISOString();
    const record = await createRecord(db, actorOf(c, deps), repository, {
      ...input,
      id: newId('awd', Date.parse(now)),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    c.header('Location', `/v1/awards/${record.id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 201);
  });

  app.openapi(patchAward, async (c) => {
    authorize(authOf(c), 'awards', 'update');
    const { id } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    const { after } = await changeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
      details: { fields: Object.keys(changes) },
      change: (current) => ({ ...current, ...changes }),
    });
    c.header('ETag', etagOf(after.version));
    return c.json(after, 200);
  });

  app.openapi(removeAward, async (c) => {
    authorize(authOf(c), 'awards', 'delete');
    const { id } = c.req.valid('param');
    await removeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
    });
    return c.body(null, 204);
  });
}
