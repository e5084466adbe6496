/**
 * The SDK against the real API: apps/api started in this process on a random port, on PGlite
 * in a temp directory (see apps/api/test/helpers.ts), with every answer checked against the
 * core schemas (`validateResponses`).
 */
import type { StudentId, StudentInput } from '@passerelle/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Fetch,
  NotFoundError,
  Passerelle,
  PreconditionFailedError,
  RuleViolationError,
  ValidationError,
} from '../src/index';
import { apiAvailable, startRealApi, type TestApi } from './real-api';

const newStudent = (fullName: string): StudentInput => ({
  fullName,
  email: `${fullName.toLowerCase().replace(/\W+/g, '.')}@example.org`,
  nationality: 'IT',
  programmeKind: 'degree',
  level: 'master',
  programmeStart: '2026-09-01',
  programmeEnd: '2028-07-15',
});

describe.skipIf(!apiAvailable)('the SDK against the real API', () => {
  let api: TestApi;
  let staff: Passerelle;
  let admin: Passerelle;
  let own: StudentId;
  let other: StudentId;

  beforeAll(async () => {
    api = await startRealApi();
    const options = { baseUrl: api.url, validateResponses: true };
    staff = new Passerelle({ ...options, token: api.tokens.staff });
    admin = new Passerelle({ ...options, token: api.tokens.admin });
    own = api.tokens.student.studentId as StudentId;
    other = api.tokens.otherStudent.studentId as StudentId;
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  describe('students', () => {
    it('lists with filters and gets one, full records for staff', async () => {
      const french = await staff.students.list({ nationality: 'FR' }).toArray();
      expect(french.map((s) => s.fullName)).toContain('Camille Martin');
      expect(french.every((s) => s.nationality === 'FR')).toBe(true);
      const { data, requestId, response } = await staff.students.get(own).withResponse();
      expect('checkIns' in data && data.checkIns.length).toBe(1);
      expect(requestId).toEqual(expect.any(String));
      expect(response.headers.get('etag')).toBe(`"${data.version}"`);
    });

    it('counts with filters of several values and groups, as the list would', async () => {
      const everyone = await staff.students.list({ limit: 200 }).toArray();
      const counted = await staff.students.counts({
        nationality: ['FR', 'IT'],
        group_by: 'programme_kind',
      });
      const french = everyone.filter((s) => s.nationality === 'FR' || s.nationality === 'IT');
      expect(counted.total).toBe(french.length);
      expect(counted.total).toBeGreaterThan(0);
      expect(counted.groups.reduce((sum, group) => sum + group.count, 0)).toBe(counted.total);
      expect((await staff.students.counts()).total).toBe(everyone.length);
      expect((await staff.students.counts({ nationality: 'FR' })).groups).toEqual([]);
      const student = new Passerelle({ baseUrl: api.url, token: api.tokens.student.token });
      await expect(student.students.counts()).rejects.toBeInstanceOf(NotFoundError);
    });

    it('creates, updates with If-Match, and refuses a stale version', async () => {
      const created = await staff.students.create(newStudent('Giulia Rossi'));
      expect(created.id).toMatch(/^stu_/);
      expect(created.academicYear).toBe('2026-2027');
      const changed = await staff.students.update(
        created.id,
        { preferredName: 'Giulia' },
        { ifMatch: created.version },
      );
      expect(changed.preferredName).toBe('Giulia');
      expect(changed.version).toBe(created.version + 1);
      const stale = await staff.students
        .update(created.id, { buddy: 'Marco' }, { ifMatch: created.version })
        .catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(PreconditionFailedError);
      expect((stale as PreconditionFailedError).currentVersion).toBe(changed.version);
    });

    it('reports the failing fields of an invalid student', async () => {
      const error = await staff.students
        .create({ ...newStudent('Backwards Dates'), programmeEnd: '2020-01-01' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields.map((field) => field.path)).toContain(
        'body.programmeEnd',
      );
      expect((error as ValidationError).requestId).toEqual(expect.any(String));
    });

    it('moves along the lifecycle, and names the allowed states of an illegal move', async () => {
      const created = await staff.students.create(newStudent('Lifecycle Test'));
      const error = await staff.students
        .transition(created.id, { to: 'active' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleViolationError);
      const violation = error as RuleViolationError;
      expect(violation.status).toBe(409);
      expect(violation.rule).toBe('student.illegal_transition');
      expect(violation.data.allowed).toEqual(['admitted', 'withdrawn']);
      expect(violation.messages?.zh).toEqual(expect.any(String));
      const admitted = await staff.students.admit(created.id);
      expect(admitted.status).toBe('admitted');
    });

    it('creates once when the answer is lost and the SDK retries the POST', async () => {
      let dropped = 0;
      // The API gets the request and answers; the client never sees the answer (as when a
      // connection resets), so it retries with the same Idempotency-Key.
      const lossy: Fetch = async (url, init) => {
        const response = await fetch(url, init);
        if (init.method === 'POST' && dropped === 0) {
          dropped++;
          await response.text();
          throw new TypeError('socket hang up');
        }
        return response;
      };
      const client = new Passerelle({ baseUrl: api.url, token: api.tokens.staff, fetch: lossy });
      const created = await client.students.create(newStudent('Only Once'));
      expect(dropped).toBe(1);
      const matches = await staff.students.list({ q: 'Only Once' }).toArray();
      expect(matches.map((s) => s.id)).toEqual([created.id]);
    });

    it('lets a student see only their own record, and a service act for them', async () => {
      const student = new Passerelle({
        baseUrl: api.url,
        token: api.tokens.student.token,
        validateResponses: true,
      });
      const mine = await student.students.get(own);
      expect(mine.id).toBe(own);
      expect('checkIns' in mine).toBe(false);
      await expect(student.students.get(other)).rejects.toBeInstanceOf(NotFoundError);
      const listed = await student.students.list().toArray();
      expect(listed.map((s) => s.id)).toEqual([own]);

      const bot = new Passerelle({ baseUrl: api.url, token: api.tokens.service });
      // A service acts only for people bound to a chat identity.
      await expect(
        bot.withOptions({ actAs: `student:${own}` }).students.get(own),
      ).rejects.toMatchObject({ name: 'PermissionDeniedError', status: 403 });
    });

    it('binds a chat identity with a one-time code, then the bot acts for that person', async () => {
      const bot = new Passerelle({ baseUrl: api.url, token: api.tokens.service });
      const { code, subject } = await staff.bindings.createCode({ studentId: own });
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(subject).toEqual({ kind: 'student', id: own });
      const bound = await bot.bindings.bind({ channel: 'wechat', userId: 'o6_camille', code });
      expect(bound.subject).toEqual({ kind: 'student', id: own });
      await expect(bot.bindings.resolve('wechat', 'o6_camille')).resolves.toMatchObject({
        subject: { kind: 'student', id: own },
      });
      await expect(bot.bindings.resolve('wechat', 'o6_nobody')).rejects.toBeInstanceOf(
        NotFoundError,
      );
      const reused = await bot.bindings
        .bind({ channel: 'wechat', userId: 'o6_someone_else', code })
        .catch((e: unknown) => e);
      expect(reused).toBeInstanceOf(RuleViolationError);
      expect((reused as RuleViolationError).rule).toBe('binding.code_used');

      const forCamille = bot.withOptions({ actAs: 'channel:wechat:o6_camille' });
      const record = await forCamille.students.get(own);
      expect(record.id).toBe(own);
      expect('checkIns' in record).toBe(false);
      await expect(forCamille.students.get(other)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('institutions', () => {
    it('pages through every institution with for await', async () => {
      const names: string[] = [];
      for await (const institution of staff.institutions.list({ limit: 2, sort: 'name' })) {
        names.push(institution.name.en ?? '');
      }
      expect(names.length).toBeGreaterThanOrEqual(4);
      expect(names).toEqual(expect.arrayContaining(['École Polytechnique', 'Tongji University']));
      const first = await staff.institutions.list({ limit: 2 });
      expect(first.data).toHaveLength(2);
      expect(first.hasMore).toBe(true);
    });

    it('shows students partners only, without contacts', async () => {
      const student = new Passerelle({ baseUrl: api.url, token: api.tokens.student.token });
      const seen = await student.institutions.list().toArray();
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((institution) => !('contacts' in institution))).toBe(true);
    });

    it("reads a partner's page in one request, as the three reads give it", async () => {
      const [agreement] = await staff.agreements.list({ limit: 1 }).toArray(1);
      const id = agreement?.institutionIds[0];
      if (id === undefined) throw new Error('no agreement in the fixtures');
      const overview = await staff.institutions.overview(id);
      expect(overview.institution).toEqual(await staff.institutions.get(id));
      expect(overview.agreements).toEqual(
        await staff.agreements.list({ institution_id: id, limit: 200 }).toArray(),
      );
      expect(overview.agreements.map((one) => one.id)).toContain(agreement?.id);
      expect(overview.delegations).toEqual(
        await staff.delegations.list({ institution_id: id, limit: 200 }).toArray(),
      );
      const student = new Passerelle({ baseUrl: api.url, token: api.tokens.student.token });
      await expect(student.institutions.overview(id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('creates, renames and deletes (admin); a deleted one is not found', async () => {
      const created = await staff.institutions.create({
        name: { en: 'SupBioTech', fr: 'Sup’Biotech' },
        country: 'FR',
        city: 'Villejuif',
        kind: 'grande_ecole',
      });
      expect(created.stage).toBe('prospect');
      const renamed = await staff.institutions.update(created.id, { shortName: 'SBT' });
      expect(renamed.shortName).toBe('SBT');
      await admin.institutions.delete(created.id, { ifMatch: renamed.version });
      await expect(staff.institutions.get(created.id)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
