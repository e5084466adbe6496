/**
 * First start: the demo data set of `@passerelle/core/demo` (when that module provides
 * `demoData(now)`), and demo tokens for an admin, a member of staff, the bot and a student.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  Agreement,
  Article,
  Award,
  Delegation,
  Event,
  Institution,
  Publication,
  Registration,
  Staff,
  type StaffId,
  Student,
  type StudentId,
} from '@passerelle/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createToken } from './auth/tokens';
import { insertRecord } from './db/records';
import { channelBindings, students, tokens } from './db/schema';
import { refreshStatistics } from './db/statistics';
import type { Db } from './db/store';
import type { Logger } from './logger';
import { agreementRepository } from './repositories/agreements';
import { articleRepository } from './repositories/articles';
import { delegationRepository } from './repositories/delegations';
import { eventRepository, registrationRepository } from './repositories/events';
import { institutionRepository } from './repositories/institutions';
import { awardRepository, publicationRepository } from './repositories/publications';
import { staffRepository } from './repositories/staff';
import { studentRepository } from './repositories/students';

/** The shape `demoData(now)` is read with; any part it does not provide is empty. */
export const DemoDataSet = z.object({
  institutions: z.array(Institution).default([]),
  agreements: z.array(Agreement).default([]),
  staff: z.array(Staff).default([]),
  students: z.array(Student).default([]),
  delegations: z.array(Delegation).default([]),
  events: z.array(Event).default([]),
  registrations: z.array(Registration).default([]),
  publications: z.array(Publication).default([]),
  awards: z.array(Award).default([]),
  articles: z.array(Article).default([]),
});
export type DemoDataSet = z.infer<typeof DemoDataSet>;

/** Who the demo tokens stand for, when the demo data names them. */
export interface DemoIds {
  student?: StudentId;
  admin?: StaffId;
  staff?: StaffId;
}

export interface DemoTokens {
  admin: string;
  staff: string;
  service: string;
  student: { token: string; studentId: string };
}

/**
 * The demo module, if it is there: `demoData(now)` and `DEMO_IDS`. It is optional so the
 * API starts (with an empty store) while the demo data set does not exist.
 */
export async function loadDemoModule(): Promise<
  { data: (now: Date) => DemoDataSet; ids: DemoIds } | undefined
> {
  let module: Record<string, unknown>;
  try {
    module = await import('@passerelle/core/demo');
  } catch {
    return undefined;
  }
  const demoData = module.demoData;
  if (typeof demoData !== 'function') return undefined;
  const ids = z
    .object({ student: z.string(), admin: z.string(), staff: z.string() })
    .partial()
    .safeParse(module.DEMO_IDS);
  return {
    data: (now) => DemoDataSet.parse(demoData(now)),
    ids: ids.success
      ? {
          ...(ids.data.student === undefined ? {} : { student: ids.data.student as StudentId }),
          ...(ids.data.admin === undefined ? {} : { admin: ids.data.admin as StaffId }),
          ...(ids.data.staff === undefined ? {} : { staff: ids.data.staff as StaffId }),
        }
      : {},
  };
}

/** Inserts a demo data set in one transaction. */
export async function insertDemoData(db: Db, data: DemoDataSet): Promise<void> {
  await db.transaction(async (tx) => {
    for (const record of data.institutions) await insertRecord(tx, institutionRepository, record);
    for (const record of data.agreements) await insertRecord(tx, agreementRepository, record);
    for (const record of data.staff) await insertRecord(tx, staffRepository, record);
    for (const record of data.students) await insertRecord(tx, studentRepository, record);
    for (const record of data.delegations) await insertRecord(tx, delegationRepository, record);
    for (const record of data.events) await insertRecord(tx, eventRepository, record);
    for (const record of data.registrations) await insertRecord(tx, registrationRepository, record);
    for (const record of data.publications) await insertRecord(tx, publicationRepository, record);
    for (const record of data.awards) await insertRecord(tx, awardRepository, record);
    for (const record of data.articles) await insertRecord(tx, articleRepository, record);
  });
}

/** True when the store has never been set up (no token at all). */
export async function isFirstStart(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tokens);
  return Number(row?.n ?? 0) === 0;
}

/**
 * On first start: the demo data (when `withData`) and the four demo tokens. Returns the
 * tokens, which are shown once and written to DATA_DIR/demo-tokens.json by the caller.
 */
export async function setUpDemo(
  db: Db,
  options: { now: Date; withData: boolean; logger: Logger },
): Promise<DemoTokens> {
  const { now, logger } = options;
  const demo = await loadDemoModule();
  let ids: DemoIds = {};
  if (options.withData && demo !== undefined) {
    const data = demo.data(now);
    await insertDemoData(db, data);
    await refreshStatistics(db);
    ids = demo.ids;
    logger.info(
      {
        students: data.students.length,
        institutions: data.institutions.length,
        events: data.events.length,
      },
      'demo data loaded',
    );
  } else if (options.withData) {
    logger.warn('@passerelle/core/demo has no demoData yet: starting with an empty store');
  }

  const studentId =
    ids.student ?? (await firstStudentId(db)) ?? (await insertPlaceholderStudent(db, now));
  const admin = await createToken(
    db,
    { role: 'admin', name: 'Demo admin', staffId: ids.admin },
    now,
  );
  const staff = await createToken(
    db,
    { role: 'staff', name: 'Demo staff', staffId: ids.staff },
    now,
  );
  const service = await createToken(db, { role: 'service', name: 'Demo bot' }, now);
  const student = {
    token: (await createToken(db, { role: 'student', name: 'Demo student', studentId }, now)).token,
    studentId,
  };
  await bindDemoIdentities(db, now, studentId, ids.staff);
  return { admin: admin.token, staff: staff.token, service: service.token, student };
}

/** Chat identities bound on first start, so the bot can act for the demo people at once. */
export const DEMO_CHANNEL_USERS = {
  student: { channel: 'wechat', userId: 'demo-student' },
  staff: { channel: 'slack', userId: 'demo-staff' },
} as const;

async function bindDemoIdentities(
  db: Db,
  now: Date,
  studentId: StudentId,
  staffId: StaffId | undefined,
): Promise<void> {
  const rows = [
    { ...DEMO_CHANNEL_USERS.student, subjectKind: 'student', subjectId: studentId },
    ...(staffId === undefined
      ? []
      : [{ ...DEMO_CHANNEL_USERS.staff, subjectKind: 'staff', subjectId: staffId }]),
  ];
  for (const row of rows) {
    await db
      .insert(channelBindings)
      .values({ ...row, createdAt: now.toISOString(), codeId: 'demo' })
      .onConflictDoNothing();
  }
}

/** When there is no demo data set yet: one student, so the demo student token has someone to be. */
async function insertPlaceholderStudent(db: Db, now: Date): Promise<StudentId> {
  const at = now.toISOString();
  const record = Student.parse({
    id: 'stu_demo000001',
    fullName: 'Camille Martin',
    preferredName: 'Camille',
    email: 'camille.martin@example.org',
    nationality: 'FR',
    programmeKind: 'exchange',
    level: 'master',
    programmeStart: '2025-09-01',
    programmeEnd: '2026-07-15',
    academicYear: '2025-2026',
    status: 'active',
    createdAt: at,
    updatedAt: at,
    version: 1,
  });
  await insertRecord(db, studentRepository, record);
  return record.id;
}

async function firstStudentId(db: Db): Promise<StudentId | undefined> {
  const [row] = await db.select({ id: students.id }).from(students).orderBy(students.id).limit(1);
  return row === undefined ? undefined : (row.id as StudentId);
}

/** Writes the demo tokens where `npm run ask` and the README expect them. */
export async function writeDemoTokens(dataDir: string, tokens: DemoTokens): Promise<string> {
  const path = join(dataDir, 'demo-tokens.json');
  await writeFile(path, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  return path;
}
