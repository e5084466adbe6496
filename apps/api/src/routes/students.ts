/**
 * /v1/students: the office's international students. Staff see and edit every record; a
 * student (or the bot acting for one) sees only their own record, as `StudentSelfView`
 * (no document numbers, no staff check-ins, no admission record), may change only a few
 * personal preferences, and gets 404 for anyone else, whatever the path or filter.
 */
import { createRoute } from '@hono/zod-openapi';
import {
  AcademicYear,
  type Agreement,
  academicYearOf,
  CalendarDate,
  CountryCode,
  checkAdmission,
  checkEligibility,
  InstitutionId,
  newId,
  ProgrammeKind,
  Student,
  StudentId,
  StudentInput,
  StudentSelfView,
  StudentStatus,
  StudyLevel,
  studentLifecycle,
  toStudentSelfView,
} from '@passerelle/core';
import {
  and,
  arrayContains,
  type Column,
  count,
  eq,
  gte,
  inArray,
  lt,
  lte,
  ne,
  type SQL,
} from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../audit';
import type { Auth } from '../auth/identity';
import { ownStudentId } from '../auth/identity';
import { type Access, authorize, denied } from '../auth/policy';
import { listPage, MAX_LIMIT, pageOf, pageQuery, sortParam } from '../db/keyset';
import { changeRecord, createRecord, removeRecord } from '../db/mutations';
import { contains, findRecord, storedRecord } from '../db/records';
import { agreements, students } from '../db/schema';
import { anyOf } from '../db/sql';
import type { Tx } from '../db/store';
import { etagOf, ifMatchHeaders } from '../http/conditional';
import { type App, type AppDeps, authOf } from '../http/context';
import { ApiError, type FieldError } from '../http/problem';
import { agreementRepository } from '../repositories/agreements';
import { studentRepository as repository } from '../repositories/students';
import {
  actorOf,
  bearer,
  errors,
  etagHeader,
  idListParam,
  patchSchema,
  sentFields,
  validateMerged,
} from './common';

const tags = ['Students'];
const IdParams = z.object({ id: StudentId.meta({ param: { name: 'id', in: 'path' } }) });
const StudentOrSelfView = z.union([Student, StudentSelfView]);

/** At most this many ids in `ids` (a page holds at most as many). */
const MAX_IDS = MAX_LIMIT;

export const sorts = {
  created: [students.createdAt],
  name: [students.nameSort],
  programme_start: [students.programmeStart],
};

/** `started_in`, on the list and the counts alike. */
const StartedIn = z.coerce.number().int().min(1900).max(2999).optional().meta({
  description:
    'Students who started in this calendar year: programme start in it, and past `applied` (as the year-end review counts new students).',
  example: 2025,
});

/** The students who started in `year`: past `applied`, their programme starting in it. */
function startedInWhere(year: number | undefined): SQL | undefined {
  return year === undefined
    ? undefined
    : and(
        ne(students.status, 'applied'),
        gte(students.programmeStart, `${year}-01-01`),
        lte(students.programmeStart, `${year}-12-31`),
      );
}

export const ListQuery = z.object({
  ...pageQuery,
  sort: sortParam(sorts, 'created'),
  status: StudentStatus.optional(),
  programme_kind: ProgrammeKind.optional(),
  nationality: CountryCode.optional(),
  home_institution_id: InstitutionId.optional(),
  level: StudyLevel.optional(),
  academic_year: AcademicYear.optional(),
  started_in: StartedIn,
  document_expiring_before: CalendarDate.optional().meta({
    description: 'Students with a passport, permit or insurance expiring before this date.',
  }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Search over full and preferred names and email.' }),
  ids: idListParam(StudentId, 'a student id', MAX_IDS).meta({
    description: `Only these students (comma-separated ids, at most ${MAX_IDS}): the records a list of alerts or registrations names, in one request.`,
    example: 'stu_demo000001,stu_demo000002',
  }),
});

/** Everything staff may change by PATCH; the status moves only through /transitions. */
const { status: _status, ...editableShape } = StudentInput.shape;
const StudentPatch = patchSchema(editableShape).meta({ id: 'StudentPatch' });

/** The fields a student may change on their own record. */
const selfEditable = new Set(['preferredName', 'preferredLanguage', 'remindersEnabled']);

const TransitionBody = z
  .object({
    to: StudentStatus,
    /** For `admitted` beyond the agreement's quota: why (staff only; recorded). */
    override: z.object({ justification: z.string().trim().min(1).max(2000) }).optional(),
  })
  .meta({ id: 'StudentTransition' });

const list = createRoute({
  method: 'get',
  path: '/v1/students',
  tags,
  summary: 'List students',
  description: 'A student gets a list holding at most their own record.',
  security: bearer,
  request: { query: ListQuery },
  responses: {
    200: {
      description: 'A page of students',
      content: { 'application/json': { schema: pageOf(StudentOrSelfView, 'StudentPage') } },
    },
    ...errors(403, 404),
  },
});

/** What `GET /v1/students/counts` can group by: columns every student has. */
const countGroups = {
  programme_kind: students.programmeKind,
  status: students.status,
  nationality: students.nationality,
  academic_year: students.academicYear,
} as const;

const CountQuery = z.object({
  status: idListParam(StudentStatus, 'a student status', StudentStatus.options.length).meta({
    description: 'Only these statuses (comma-separated).',
    example: 'arrived,active',
  }),
  programme_kind: idListParam(ProgrammeKind, 'a programme kind', ProgrammeKind.options.length).meta(
    { description: 'Only these programmes (comma-separated).', example: 'exchange' },
  ),
  nationality: idListParam(CountryCode, 'a country code', MAX_IDS).meta({
    description: 'Only these nationalities (comma-separated ISO codes).',
    example: 'FR,IT',
  }),
  home_institution_id: idListParam(InstitutionId, 'an institution id', MAX_IDS).meta({
    description: 'Only students from these home institutions (comma-separated ids).',
  }),
  level: StudyLevel.optional(),
  academic_year: AcademicYear.optional(),
  started_in: StartedIn,
  group_by: z
    .enum(Object.keys(countGroups) as [keyof typeof countGroups, ...(keyof typeof countGroups)[]])
    .optional()
    .meta({ description: 'Also count by this field: `groups`, largest first.' }),
});

const StudentCounts = z
  .object({
    total: z.number().int().min(0),
    groups: z
      .array(z.object({ key: z.string(), count: z.number().int().min(1) }))
      .meta({ description: 'By `group_by`, largest first, then by key; empty without it.' }),
  })
  .meta({ id: 'StudentCounts' });

const counts = createRoute({
  method: 'get',
  path: '/v1/students/counts',
  tags,
  summary: 'Count students',
  description:
    'How many students match the filters (each filter takes several values), and how many in each group of `group_by`: one query, whatever the number of students. Staff only.',
  security: bearer,
  request: { query: CountQuery },
  responses: {
    200: {
      description: 'The counts',
      content: { 'application/json': { schema: StudentCounts } },
    },
    ...errors(403),
  },
});

const get = createRoute({
  method: 'get',
  path: '/v1/students/{id}',
  tags,
  summary: 'Get a student',
  security: bearer,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The student (StudentSelfView for the student themself)',
      headers: etagHeader,
      content: { 'application/json': { schema: StudentOrSelfView } },
    },
    ...errors(403, 404),
  },
});

const create = createRoute({
  method: 'post',
  path: '/v1/students',
  tags,
  summary: 'Create a student',
  security: bearer,
  request: {
    body: { required: true, content: { 'application/json': { schema: StudentInput } } },
  },
  responses: {
    201: {
      description: 'Created',
      headers: etagHeader,
      content: { 'application/json': { schema: Student } },
    },
    ...errors(403, 404, 413, 415, 422),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/v1/students/{id}',
  tags,
  summary: 'Change some fields of a student',
  description:
    'Only the fields sent change. A student may change only preferredName, preferredLanguage and remindersEnabled on their own record.',
  security: bearer,
  request: {
    params: IdParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: StudentPatch } } },
  },
  responses: {
    200: {
      description: 'The changed student',
      headers: etagHeader,
      content: { 'application/json': { schema: StudentOrSelfView } },
    },
    ...errors(403, 404, 412, 413, 415),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/students/{id}',
  tags,
  summary: 'Delete a student (admin)',
  security: bearer,
  request: { params: IdParams, headers: ifMatchHeaders },
  responses: { 204: { description: 'Deleted' }, ...errors(403, 404, 412) },
});

const transition = createRoute({
  method: 'post',
  path: '/v1/students/{id}/transitions',
  tags,
  summary: 'Move a student to another status',
  description:
    'Follows the lifecycle applied → admitted → enrolled → arrived → active → completed, with withdrawn from any earlier state. An illegal move is 409 `illegal-transition` with the allowed next states in `data.allowed`. Moving to `admitted` checks eligibility (rule 1) and the agreement quota (rule 2, 422 `agreement.quota_exceeded`; staff may override with a justification, which is recorded).',
  security: bearer,
  request: {
    params: IdParams,
    headers: ifMatchHeaders,
    body: { required: true, content: { 'application/json': { schema: TransitionBody } } },
  },
  responses: {
    200: {
      description: 'The student in their new status',
      headers: etagHeader,
      content: { 'application/json': { schema: Student } },
    },
    ...errors(403, 404, 409, 412, 422),
  },
});

/** The list's filters (shared with the spreadsheet export). */
export function listFilters(query: Omit<z.output<typeof ListQuery>, 'limit' | 'cursor' | 'sort'>) {
  return [
    query.status === undefined ? undefined : eq(students.status, query.status),
    query.programme_kind === undefined
      ? undefined
      : eq(students.programmeKind, query.programme_kind),
    query.nationality === undefined ? undefined : eq(students.nationality, query.nationality),
    query.home_institution_id === undefined
      ? undefined
      : eq(students.homeInstitutionId, query.home_institution_id),
    query.level === undefined ? undefined : eq(students.level, query.level),
    query.academic_year === undefined ? undefined : eq(students.academicYear, query.academic_year),
    startedInWhere(query.started_in),
    query.document_expiring_before === undefined
      ? undefined
      : lt(students.firstDocumentExpiry, query.document_expiring_before),
    query.q === undefined ? undefined : contains(students.search, query.q),
    query.ids === undefined ? undefined : anyOf(students.id, query.ids),
  ];
}

/** The filters of `GET /v1/students/counts`: each list is "any of these". */
function countFilters(query: z.output<typeof CountQuery>): (SQL | undefined)[] {
  const oneOf = (column: Column, values: readonly string[] | undefined) =>
    values === undefined ? undefined : anyOf(column, values);
  return [
    oneOf(students.status, query.status),
    oneOf(students.programmeKind, query.programme_kind),
    oneOf(students.nationality, query.nationality),
    oneOf(students.homeInstitutionId, query.home_institution_id),
    query.level === undefined ? undefined : eq(students.level, query.level),
    query.academic_year === undefined ? undefined : eq(students.academicYear, query.academic_year),
    startedInWhere(query.started_in),
  ];
}

/** What the caller sees of a record: everything, or the student's own view. */
function shape(access: Access, record: Student): Student | StudentSelfView {
  return access === 'all' ? record : toStudentSelfView(record);
}

/** A student reaches only their own record; anything else is 404. */
function visibleTo(auth: Auth, access: Access) {
  return (record: Student) => access === 'all' || record.id === ownStudentId(auth);
}

export function registerStudents(app: App, deps: AppDeps): void {
  const { db } = deps.store;

  app.openapi(list, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'students', 'read');
    const query = c.req.valid('query');
    const own = ownStudentId(auth);
    if (access !== 'all' && own === undefined) throw denied(auth);
    const page = await listPage(db, repository, {
      where: [
        access === 'all' || own === undefined ? undefined : eq(students.id, own),
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

  // Before `/v1/students/{id}`, which would take `counts` for an id.
  app.openapi(counts, async (c) => {
    const auth = authOf(c);
    if (authorize(auth, 'students', 'read') !== 'all') throw denied(auth);
    const query = c.req.valid('query');
    const where = and(...countFilters(query));
    if (query.group_by === undefined) {
      const [row] = await db.select({ n: count() }).from(students).where(where);
      return c.json({ total: Number(row?.n ?? 0), groups: [] }, 200);
    }
    const column = countGroups[query.group_by];
    const rows = await db
      .select({ key: column, n: count() })
      .from(students)
      .where(where)
      .groupBy(column);
    const groups = rows
      .map((row) => ({ key: row.key, count: Number(row.n) }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    const total = groups.reduce((sum, group) => sum + group.count, 0);
    return c.json({ total, groups }, 200);
  });

  app.openapi(get, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'students', 'read');
    const { id } = c.req.valid('param');
    const record = await findRecord(db, repository, id);
    if (record === undefined || !visibleTo(auth, access)(record)) {
      throw ApiError.notFound(`Student ${id}`);
    }
    c.header('ETag', etagOf(record.version));
    return c.json(shape(access, record), 200);
  });

  app.openapi(create, async (c) => {
    authorize(authOf(c), 'students', 'create');
    const input = c.req.valid('json');
    const now = deps.now().toISOString();
    const record = await createRecord(db, actorOf(c, deps), repository, {
      ...input,
      id: newId('stu', Date.parse(now)),
      academicYear: academicYearOf(input.programmeStart),
      checkIns: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    c.header('Location', `/v1/students/${record.id}`);
    c.header('ETag', etagOf(record.version));
    return c.json(record, 201);
  });

  app.openapi(patch, async (c) => {
    const auth = authOf(c);
    const access = authorize(auth, 'students', 'update');
    const { id } = c.req.valid('param');
    const changes = sentFields(c.req.valid('json'));
    if (access !== 'all') {
      const refused: FieldError[] = Object.keys(changes)
        .filter((field) => !selfEditable.has(field))
        .map((field) => ({
          path: `body.${field}`,
          message: `a student may change only ${[...selfEditable].join(', ')}`,
        }));
      // Only reveal this on the student's own record; anyone else's is 404 below.
      if (refused.length > 0 && id === ownStudentId(auth)) {
        throw new ApiError('validation', {
          detail: 'Some fields are not yours to change.',
          errors: refused,
        });
      }
    }
    const { after } = await changeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
      visible: visibleTo(auth, access),
      details: { fields: Object.keys(changes) },
      change: (current) => {
        const merged = { ...current, ...changes };
        const checked = validateMerged(StudentInput, merged);
        return { ...merged, ...checked, academicYear: academicYearOf(checked.programmeStart) };
      },
    });
    c.header('ETag', etagOf(after.version));
    return c.json(shape(access, after), 200);
  });

  app.openapi(remove, async (c) => {
    authorize(authOf(c), 'students', 'delete');
    const { id } = c.req.valid('param');
    await removeRecord(db, actorOf(c, deps), repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
    });
    return c.body(null, 204);
  });

  app.openapi(transition, async (c) => {
    const auth = authOf(c);
    authorize(auth, 'student_status', 'update');
    const { id } = c.req.valid('param');
    const { to, override } = c.req.valid('json');
    const actor = actorOf(c, deps);
    const { after } = await changeRecord(db, actor, repository, id, {
      ifMatch: c.req.valid('header')['if-match'],
      action: 'student.transition',
      details: { to, ...(override === undefined ? {} : { override: true }) },
      change: async (current, tx) => {
        const move = studentLifecycle.move(current.status, to);
        if (!move.ok) throw ApiError.fromViolation(move.violation, 'illegal_transition');
        const moved: Student = { ...current, status: to };
        return to === 'admitted' ? admit(tx, actor, moved, override) : moved;
      },
    });
    c.header('ETag', etagOf(after.version));
    return c.json(after, 200);
  });
}

/** Statuses that hold a place in an agreement's quota. */
const admittedStatuses = ['admitted', 'enrolled', 'arrived', 'active', 'completed'] as const;

/**
 * Rules 1 and 2 at admission: an exchange or dual-degree student needs an agreement of that
 * kind with their home institution in force over the programme, and takes a place of its
 * inbound quota for the academic year. The agreement row is locked so two admissions cannot
 * both take the last place.
 */
async function admit(
  tx: Tx,
  actor: Actor,
  student: Student,
  override: { justification: string } | undefined,
): Promise<Student> {
  let candidates: Agreement[] = [];
  if (student.agreementId !== undefined || student.homeInstitutionId !== undefined) {
    const which: SQL | undefined =
      student.agreementId !== undefined
        ? eq(agreements.id, student.agreementId)
        : student.homeInstitutionId !== undefined
          ? arrayContains(agreements.institutionIds, [student.homeInstitutionId])
          : undefined;
    const rows = await tx
      .select({ data: agreements.data })
      .from(agreements)
      .where(which)
      .orderBy(agreements.id)
      .for('update');
    candidates = rows.map((row) => storedRecord(agreementRepository, row.data));
  }
  const eligible = checkEligibility(student, candidates);
  if (!eligible.ok) throw ApiError.fromViolation(eligible.violation);
  const agreement =
    eligible.value ??
    candidates.find((candidate) => candidate.id === student.agreementId) ??
    undefined;

  let admittedCount = 0;
  if (agreement !== undefined) {
    const [row] = await tx
      .select({ n: count() })
      .from(students)
      .where(
        and(
          eq(students.agreementId, agreement.id),
          eq(students.academicYear, student.academicYear),
          inArray(students.status, [...admittedStatuses]),
          ne(students.id, student.id),
        ),
      );
    admittedCount = Number(row?.n ?? 0);
  }
  const admission = checkAdmission({
    student,
    ...(agreement === undefined ? {} : { agreement }),
    admittedCount,
    ...(override === undefined ? {} : { override }),
  });
  if (!admission.ok) throw ApiError.fromViolation(admission.violation);

  const staffId =
    actor.auth.identity.role === 'student' || actor.auth.identity.role === 'service'
      ? undefined
      : actor.auth.identity.staffId;
  const { quota, overridden } = admission.value;
  return {
    ...student,
    ...(agreement === undefined ? {} : { agreementId: agreement.id }),
    admission: {
      ...(agreement === undefined ? {} : { agreementId: agreement.id }),
      academicYear: student.academicYear,
      admittedAt: actor.now.toISOString(),
      ...(staffId === undefined ? {} : { by: staffId }),
      ...(overridden && override !== undefined && quota !== null
        ? { override: { justification: override.justification, quota } }
        : {}),
    },
  };
}
