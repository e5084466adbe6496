/**
 * The baseline the API is measured against: a bare Hono app on the same store that runs the
 * same SQL as the API's routes and nothing else — no request id, log line, CORS, token check,
 * validation, idempotency or response schema.
 *
 * - GET /v1/students/:id: `select data from students where id = $1 limit 1` (the API's
 *   `findRecord`), built with drizzle's query builder on each request as a minimal route
 *   would, answered as JSON.
 * - GET /prepared/v1/students/:id: the same read prepared once (as the API's `findRecord`
 *   prepares it): the bare cost of the read, against which the API's own layers show whole.
 * - POST /v1/students: the record built from the body as the API builds it (id, academic year,
 *   timestamps, derived columns by the same repository), then the same transaction: the
 *   student's row and its audit entry.
 */
import { academicYearOf, newId, type Student } from '@passerelle/core';
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditLog, students } from '../../../apps/api/src/db/schema';
import type { Db } from '../../../apps/api/src/db/store';
import { newLocalId } from '../../../apps/api/src/ids';
import { studentRepository } from '../../../apps/api/src/repositories/students';

/** What the baseline trusts the body to be: it does not check (that is the API's work). */
type StudentBody = Omit<
  Student,
  'id' | 'academicYear' | 'checkIns' | 'createdAt' | 'updatedAt' | 'version'
>;

export function createBaselineApp(db: Db): Hono {
  const app = new Hono();

  app.get('/v1/students/:id', async (c) => {
    const [row] = await db
      .select({ data: students.data })
      .from(students)
      .where(eq(students.id, c.req.param('id')))
      .limit(1);
    return row === undefined ? c.json({ error: 'not found' }, 404) : c.json(row.data);
  });

  const findStudent = db
    .select({ data: students.data })
    .from(students)
    .where(eq(students.id, sql.placeholder('id')))
    .limit(1)
    .prepare('baseline_find_student');
  app.get('/prepared/v1/students/:id', async (c) => {
    const [row] = await findStudent.execute({ id: c.req.param('id') });
    return row === undefined ? c.json({ error: 'not found' }, 404) : c.json(row.data);
  });

  app.post('/v1/students', async (c) => {
    const body = await c.req.json<StudentBody>();
    const at = new Date();
    const now = at.toISOString();
    const record: Student = {
      ...body,
      id: newId('stu', at.getTime()),
      academicYear: academicYearOf(body.programmeStart),
      checkIns: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await db.transaction(async (tx) => {
      await tx.insert(students).values(studentRepository.toRow(record));
      await tx.insert(auditLog).values({
        id: newLocalId('aud', at.getTime()),
        at: now,
        tokenId: null,
        actorRole: 'staff',
        actorId: null,
        onBehalfOf: null,
        action: 'student.create',
        entity: 'student',
        entityId: record.id,
        versionBefore: null,
        versionAfter: 1,
        requestId: null,
        details: null,
      });
    });
    return c.json(record, 201);
  });

  return app;
}
