/**
 * /v1/staff: members of the office and of the institutes' international teams. Admins create,
 * change and delete; staff read everything; students (and the bot acting for one) read the
 * public view (name, title, unit, email, languages), e.g. to know who their advisor is.
 */
import { createRoute } from '@hono/zod-openapi';
import { newId, Staff, StaffId, StaffInput, StaffRole } from '@passerelle/core';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Access, authorize } from '../auth/policy';
import { listPage, pageOf, pageQuery, sortParam } from '../db/keyset';
import { changeRecord, createRecord, removeRecord } from '../db/mutations';
import { contains, findRecord } from '../db/records';
import { staff } from '../db/schema';
import { etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError } from '../http/problem';
import { staffRepository as repository, StaffPublicView } from '../repositories/staff';
import { actorOf, bearer, errors, etagHeader, patchSchema, sentFields } from './common';

const tags = ['Staff'];
const IdParams = z.object({ id: StaffId.meta({ param: { name: 'id', in: 'path' } }) });
const StaffOrView = z.union([Staff, StaffPublicView]);

const sorts = {
  name: [staff.nameSort],
  created: [staff.createdAt],
};

const ListQuery = z.object({
  ...pageQuery,
  sort: sortParam(sorts, 'name'),
  role: StaffRole.optional().meta({
    description: 'Staff and admins only (a role is not part of the public view).',
  }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Search over name, email, title and unit.' }),
});

const StaffPatch = patchSchema(StaffInput.shape).meta({ id: 'StaffPatch' });

const list = createRoute({
  method: 'get',
  path: '/v1/staff',
  tags,
  summary: 'List staff',
  description: 'Students get the public view of each member of staff.',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'A page of staff',
      content: { 'application/json': { schema: pageOf(StaffOrView, 'StaffPage') } },
    },
    ...errors(403, 404),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/staff/{id}',
  tags,
  summary: 'Get a member of staff',
  security: bearer,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The member of staff (the public view for students)',
      headers: etagHeader,
      content: { 'application/json': { schema: StaffOrView } },
    },
    ...errors(403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/staff',
  tags,
  summary: 'Create a member of staff (admin)',
  description: 'Emails are unique, whatever their case (409 otherwise).',
  security: bearer,
  request: {
    body: { required: true, content: { 'application/json': { schema: StaffInput } } },
  },
  responses: {
    201: {
      description: 'Created',
      headers: etagHeader,
      content: { 'application/json': { schema: Staff } },
    },
    ...errors(403, 404, 409, 413, 415),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/v1/staff/{id}',
  tags,
  summary: 'Change some fields of a member of staff (admin)',
  security: bearer,
  request: {
    params: IdParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: StaffPatch } } },
  },
  responses: {
    200: {
      description: 'The changed member of staff',
      headers: etagHeader,
      content: { 'application/json': { schema: Staff } },
    },
    ...errors(403, 404, 409, 412, 413, 415),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/staff/{id}',
  tags,
  summary: 'Delete a member of staff (admin)',
  security: bearer,
  request: { params: IdParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errors(403, 404, 412) },
});

/** Full records for staff and admins; the public view for everyone else. */
function shape(access: Access, record: Staff): Staff | StaffView {
  return access === 'all' ? record : StaffPublicView.parse(record);
}
type StaffView = z.infer<typeof StaffPublicView>;

export function registerStaff(app: App, deps: AppDeps): void {
  const { db } = deps.store;

  app.openapi(list, async (c) => {
    const access = authorize(authOf(c), 'staff', 'read');
    const query = c.req.valid('query');
    if (query.role !== undefined && access !== 'all') {
      throw new ApiError('validation', {
        detail: 'query.role: only staff may filter by role',
        errors: [{ path: 'query.role', message: 'only staff may filter by role' }],
      });
    }
    const page = await listPage(db, repository, {
      where: [
        query.role === undefined ? undefined : eq(staff.role, query.role),
        query.q === undefined ? undefined : contains(staff.search, query.q),
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
    const access = authorize(authOf(c), 'staff', 'read');
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id);
    if (record === undefined) throw ApiError.notFound(`Staff member ${id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(shape(access, record), 200);
  });

  app.openapi(create, async (c) => {
    authorize(authOf(c), 'staff', 'create');
    const input = c.req.valid('json');
    const now = deps.now().toISOString();
    const record = await createRecord(db, actorOf(c, deps), repository, {
      ...input,
      id: newId('stf', Date.parse(now)),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    c.header('Location', `/v1/staff/${record.id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 201);
  });

  app.openapi(patch, async (c) => {
    authorize(authOf(c), 'staff', 'update');
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

  app.openapi(remove, async (c) => {
    authorize(authOf(c), 'staff', 'delete');
    const { id } = c.req.valid('param');
    await removeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
    });
    return c.body(null, 204);
  });
}
