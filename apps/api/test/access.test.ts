/**
 * The access matrix for institutions and students (each role × read and write), the tokens
 * endpoints, and a service acting for a bound identity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, OTHER_PASSPORT_NUMBER, PASSPORT_NUMBER } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Page = { data: JsonObject[]; next_cursor: string | null };

const newInstitution = (name: string) => ({
  name: { en: name },
  country: 'IT',
  city: 'Milan',
  kind: 'university',
});

const newStudent = (name: string) => ({
  fullName: name,
  email: `${name.toLowerCase().replace(/\W/g, '.')}@example.org`,
  nationality: 'IT',
  programmeKind: 'degree',
  programmeStart: '2025-09-01',
  programmeEnd: '2028-06-30',
});

describe.each(storeKinds)('access on %s', (store) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ store });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('institutions', () => {
    it('admin and staff read everything, contacts and prospects included', async () => {
      for (const token of [api.tokens.admin, api.tokens.staff]) {
        const list = await api.json<Page>('/v1/institutions?limit=200', { token });
        expect(list.status).toBe(200);
        const names = list.body.data.map((item) => (item.name as JsonObject).en);
        expect(names).toEqual(
          expect.arrayContaining(['Albert School', 'École Polytechnique', 'Tongji University']),
        );
        const one = await api.json<JsonObject>(`/v1/institutions/${ids.polytechnique}`, { token });
        expect(one.body.contacts).toEqual([
          { name: 'Jeanne Contact', email: 'jeanne@example.org' },
        ]);
        expect(one.headers.get('etag')).toBe('"1"');
      }
    });

    it('students and the bot see partners only, as names and places', async () => {
      for (const token of [api.tokens.student.token, api.tokens.service]) {
        const list = await api.json<Page>('/v1/institutions?limit=200', { token });
        expect(list.status).toBe(200);
        expect(list.body.data.map((item) => item.id).sort()).toEqual(
          [ids.polytechnique, ids.tuMunich].sort(),
        );
        for (const item of list.body.data) {
          expect(Object.keys(item)).not.toContain('contacts');
          expect(Object.keys(item)).not.toContain('stage');
        }
        const prospects = await api.json<Page>('/v1/institutions?stage=prospect', { token });
        expect(prospects.body.data).toEqual([]);
        const partner = await api.json<JsonObject>(`/v1/institutions/${ids.polytechnique}`, {
          token,
        });
        expect(partner.status).toBe(200);
        expect(partner.body.contacts).toBeUndefined();
        await expectProblem(
          await api.fetch(`/v1/institutions/${ids.albert}`, { token }),
          404,
          'not-found',
        );
      }
    });

    it('staff create and change; only admins delete', async () => {
      const created = await api.json<JsonObject>('/v1/institutions', {
        token: api.tokens.staff,
        body: newInstitution('Politecnico di Milano'),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/v1/institutions/${created.body.id}`);
      const id = created.body.id as string;
      const patched = await api.json<JsonObject>(`/v1/institutions/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        body: { city: 'Milano' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ city: 'Milano', version: 2 });
      await expectProblem(
        await api.fetch(`/v1/institutions/${id}`, { method: 'DELETE', token: api.tokens.staff }),
        403,
        'forbidden',
      );
      const deleted = await api.fetch(`/v1/institutions/${id}`, {
        method: 'DELETE',
        token: api.tokens.admin,
      });
      expect(deleted.status).toBe(204);
      await expectProblem(
        await api.fetch(`/v1/institutions/${id}`, { token: api.tokens.admin }),
        404,
        'not-found',
      );
    });

    it('students get 404 and the bot 403 for every write', async () => {
      const writes = [
        { path: '/v1/institutions', method: 'POST', body: newInstitution('Nope') },
        { path: `/v1/institutions/${ids.polytechnique}`, method: 'PATCH', body: { city: 'X' } },
        { path: `/v1/institutions/${ids.polytechnique}`, method: 'DELETE' },
      ];
      for (const write of writes) {
        await expectProblem(
          await api.fetch(write.path, { ...write, token: api.tokens.student.token }),
          404,
          'not-found',
        );
        await expectProblem(
          await api.fetch(write.path, { ...write, token: api.tokens.service }),
          403,
          'forbidden',
        );
      }
      const unchanged = await api.json<JsonObject>(`/v1/institutions/${ids.polytechnique}`, {
        token: api.tokens.staff,
      });
      expect(unchanged.body.city).toBe('Palaiseau');
    });
  });

  describe('students', () => {
    it('staff and admin read every record in full', async () => {
      for (const token of [api.tokens.admin, api.tokens.staff]) {
        const other = await api.json<JsonObject>(`/v1/students/${ids.other}`, { token });
        expect(other.status).toBe(200);
        expect((other.body.documents as JsonObject).passportNumber).toBe(OTHER_PASSPORT_NUMBER);
        const list = await api.json<Page>('/v1/students', { token });
        expect(list.body.data.length).toBeGreaterThanOrEqual(3);
      }
    });

    it('a student sees their own record without numbers or staff notes', async () => {
      const own = await api.json<JsonObject>(`/v1/students/${ids.student}`, {
        token: api.tokens.student.token,
      });
      expect(own.status).toBe(200);
      const text = JSON.stringify(own.body);
      expect(text).not.toContain(PASSPORT_NUMBER);
      expect(text).not.toContain('R0001112');
      expect(text).not.toContain('Staff-only note');
      expect(own.body.checkIns).toBeUndefined();
      expect((own.body.documents as JsonObject).permit).toEqual({
        type: 'residence_permit',
        expiry: '2026-08-31',
      });
    });

    it('a student cannot reach another student by id, list filter or search', async () => {
      const token = api.tokens.student.token;
      await expectProblem(
        await api.fetch(`/v1/students/${ids.other}`, { token }),
        404,
        'not-found',
      );
      const all = await api.json<Page>('/v1/students?limit=200', { token });
      expect(all.body.data.map((item) => item.id)).toEqual([ids.student]);
      for (const query of [
        'nationality=DE',
        'q=Lukas',
        `home_institution_id=${ids.tuMunich}`,
        'level=phd',
        'document_expiring_before=2026-01-01',
        'sort=-name',
      ]) {
        const filtered = await api.json<Page>(`/v1/students?${query}`, { token });
        expect(filtered.status).toBe(200);
        expect(filtered.body.data.every((item) => item.id === ids.student)).toBe(true);
        expect(JSON.stringify(filtered.body)).not.toContain('Lukas');
      }
      for (const write of [
        { path: `/v1/students/${ids.other}`, method: 'PATCH', body: { preferredName: 'L' } },
        { path: `/v1/students/${ids.other}`, method: 'DELETE' },
        {
          path: `/v1/students/${ids.other}/transitions`,
          method: 'POST',
          body: { to: 'withdrawn' },
        },
        {
          path: `/v1/students/${ids.student}/transitions`,
          method: 'POST',
          body: { to: 'completed' },
        },
        { path: '/v1/students', method: 'POST', body: newStudent('Someone Else') },
      ]) {
        await expectProblem(await api.fetch(write.path, { ...write, token }), 404, 'not-found');
      }
      const other = await api.json<JsonObject>(`/v1/students/${ids.other}`, {
        token: api.tokens.staff,
      });
      expect(other.body).toMatchObject({ status: 'applied', version: 1 });
    });

    it('a student changes only their own preferences', async () => {
      const token = api.tokens.student.token;
      const changed = await api.json<JsonObject>(`/v1/students/${ids.student}`, {
        method: 'PATCH',
        token,
        body: { preferredName: 'Cami', remindersEnabled: false },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ preferredName: 'Cami', remindersEnabled: false });
      expect(JSON.stringify(changed.body)).not.toContain(PASSPORT_NUMBER);
      const refused = await expectProblem(
        await api.fetch(`/v1/students/${ids.student}`, {
          method: 'PATCH',
          token,
          body: { fullName: 'Someone Else', programmeEnd: '2030-01-01' },
        }),
        400,
        'validation',
      );
      expect((refused.errors as JsonObject[]).map((error) => error.path).sort()).toEqual([
        'body.fullName',
        'body.programmeEnd',
      ]);
    });

    it('staff create, change and move students; only admins delete', async () => {
      const created = await api.json<JsonObject>('/v1/students', {
        token: api.tokens.staff,
        body: newStudent('Giulia Romano'),
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'applied',
        academicYear: '2025-2026',
        version: 1,
      });
      const id = created.body.id as string;
      const moved = await api.json<JsonObject>(`/v1/students/${id}/transitions`, {
        token: api.tokens.staff,
        body: { to: 'admitted' },
      });
      expect(moved.body).toMatchObject({ status: 'admitted', version: 2 });
      await expectProblem(
        await api.fetch(`/v1/students/${id}`, { method: 'DELETE', token: api.tokens.staff }),
        403,
        'forbidden',
      );
      expect(
        (await api.fetch(`/v1/students/${id}`, { method: 'DELETE', token: api.tokens.admin }))
          .status,
      ).toBe(204);
    });

    it('the bot on its own reads no student', async () => {
      await expectProblem(
        await api.fetch('/v1/students', { token: api.tokens.service }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch(`/v1/students/${ids.student}`, { token: api.tokens.service }),
        403,
        'forbidden',
      );
    });
  });

  describe('tokens (admin)', () => {
    it('creates a token shown once, lists tokens without secrets, and revokes at once', async () => {
      const created = await api.json<JsonObject>('/v1/tokens', {
        token: api.tokens.admin,
        body: { role: 'staff', name: 'Reporting script', staffId: ids.staff },
      });
      expect(created.status).toBe(201);
      const token = created.body.token as string;
      expect(token).toMatch(/^psl_[A-Za-z0-9_-]{43}$/);
      expect((await api.fetch('/v1/students', { token })).status).toBe(200);

      const list = await api.json<Page>('/v1/tokens?limit=200', { token: api.tokens.admin });
      const listed = list.body.data.find((item) => item.id === created.body.id);
      expect(listed).toMatchObject({ role: 'staff', name: 'Reporting script', revokedAt: null });
      expect(listed?.lastUsedAt).toEqual(expect.any(String));
      expect(JSON.stringify(list.body)).not.toContain(token);
      expect(JSON.stringify(list.body)).not.toContain('hash');

      const revoked = await api.fetch(`/v1/tokens/${created.body.id}`, {
        method: 'DELETE',
        token: api.tokens.admin,
      });
      expect(revoked.status).toBe(204);
      await expectProblem(await api.fetch('/v1/students', { token }), 401, 'unauthenticated');
    });

    it('refuses a student token without a student, and one for a student who does not exist', async () => {
      const missing = await expectProblem(
        await api.fetch('/v1/tokens', {
          token: api.tokens.admin,
          body: { role: 'student', name: 'x' },
        }),
        400,
        'validation',
      );
      expect((missing.errors as JsonObject[])[0]?.path).toBe('body.studentId');
      await expectProblem(
        await api.fetch('/v1/tokens', {
          token: api.tokens.admin,
          body: { role: 'student', name: 'x', studentId: 'stu_nobody000001' },
        }),
        400,
        'validation',
      );
    });

    it('a student token works as its student; an expired token does not', async () => {
      const created = await api.json<JsonObject>('/v1/tokens', {
        token: api.tokens.admin,
        body: { role: 'student', name: 'Wei', studentId: ids.third },
      });
      const own = await api.json<Page>('/v1/students', { token: created.body.token as string });
      expect(own.body.data.map((item) => item.id)).toEqual([ids.third]);

      const expiring = await api.json<JsonObject>('/v1/tokens', {
        token: api.tokens.admin,
        body: { role: 'service', name: 'Short-lived', expiresAt: '2025-11-20T10:00:00Z' },
      });
      const token = expiring.body.token as string;
      expect((await api.fetch('/v1/institutions', { token })).status).toBe(200);
      api.clock.advance(2 * 3_600_000);
      await expectProblem(await api.fetch('/v1/institutions', { token }), 401, 'unauthenticated');
    });

    it('caches token lookups: a row changed behind its back is seen only after invalidation', async () => {
      const created = await api.json<JsonObject>('/v1/tokens', {
        token: api.tokens.admin,
        body: { role: 'service', name: 'Cached' },
      });
      const token = created.body.token as string;
      expect((await api.fetch('/v1/institutions', { token })).status).toBe(200);
      // Revoked directly in the database, as another API instance would: the cache still answers.
      const { tokens } = await import('../src/db/schema');
      const { eq } = await import('drizzle-orm');
      await api.store.db
        .update(tokens)
        .set({ revokedAt: new Date().toISOString() })
        .where(eq(tokens.id, created.body.id as string));
      expect((await api.fetch('/v1/institutions', { token })).status).toBe(200);
      // A revocation through this instance clears its cache.
      const revokedOther = await api.json<JsonObject>('/v1/tokens', {
        token: api.tokens.admin,
        body: { role: 'service', name: 'Throwaway' },
      });
      await api.fetch(`/v1/tokens/${revokedOther.body.id}`, {
        method: 'DELETE',
        token: api.tokens.admin,
      });
      await expectProblem(await api.fetch('/v1/institutions', { token }), 401, 'unauthenticated');
    });
  });

  describe('acting for a bound identity', () => {
    const wechatUser = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';

    async function bind(subject: JsonObject, channel: string, userId: string) {
      const code = await api.json<JsonObject>('/v1/bindings/codes', {
        token: api.tokens.staff,
        body: subject,
      });
      expect(code.status).toBe(201);
      const bound = await api.json<JsonObject>('/v1/bindings', {
        token: api.tokens.service,
        body: { channel, userId, code: code.body.code },
      });
      expect(bound.status).toBe(201);
    }

    it('refuses to act for someone who has no bound chat identity', async () => {
      await expectProblem(
        await api.fetch('/v1/students', {
          token: api.tokens.service,
          headers: { 'passerelle-act-as': `student:${ids.other}` },
        }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch('/v1/students', {
          token: api.tokens.service,
          headers: { 'passerelle-act-as': 'channel:wechat:unknown-user' },
        }),
        403,
        'forbidden',
      );
    });

    it('refuses Passerelle-Act-As on a token that is not a service token, and a malformed one', async () => {
      await expectProblem(
        await api.fetch('/v1/students', {
          token: api.tokens.staff,
          headers: { 'passerelle-act-as': `student:${ids.student}` },
        }),
        403,
        'forbidden',
      );
      const problem = await expectProblem(
        await api.fetch('/v1/students', {
          token: api.tokens.service,
          headers: { 'passerelle-act-as': 'someone' },
        }),
        400,
        'validation',
      );
      expect((problem.errors as JsonObject[])[0]?.path).toBe('header.passerelle-act-as');
    });

    it('acts for a bound student with that student’s rights and no more', async () => {
      await bind({ studentId: ids.student }, 'wechat', wechatUser);
      for (const actAs of [`channel:wechat:${wechatUser}`, `student:${ids.student}`]) {
        const headers = { 'passerelle-act-as': actAs };
        const own = await api.json<JsonObject>(`/v1/students/${ids.student}`, {
          token: api.tokens.service,
          headers,
        });
        expect(own.status).toBe(200);
        expect(JSON.stringify(own.body)).not.toContain(PASSPORT_NUMBER);
        await expectProblem(
          await api.fetch(`/v1/students/${ids.other}`, { token: api.tokens.service, headers }),
          404,
          'not-found',
        );
        const list = await api.json<Page>('/v1/students', { token: api.tokens.service, headers });
        expect(list.body.data.map((item) => item.id)).toEqual([ids.student]);
      }
    });

    it('records the person acted for in the audit log', async () => {
      const headers = { 'passerelle-act-as': `channel:wechat:${wechatUser}` };
      const changed = await api.json<JsonObject>(`/v1/students/${ids.student}`, {
        method: 'PATCH',
        token: api.tokens.service,
        headers,
        body: { preferredLanguage: 'zh' },
      });
      expect(changed.status).toBe(200);
      const audit = await api.json<Page>(`/v1/audit?entity=student&entity_id=${ids.student}`, {
        token: api.tokens.admin,
      });
      expect(audit.body.data[0]).toMatchObject({
        action: 'student.update',
        actorRole: 'student',
        actorId: ids.student,
        onBehalfOf: `student:${ids.student}`,
      });
    });

    it('acting for a member of staff gives staff rights, never admin rights', async () => {
      await bind({ staffId: ids.admin }, 'slack', 'U024BE7LH');
      const headers = { 'passerelle-act-as': 'channel:slack:U024BE7LH' };
      const list = await api.json<Page>('/v1/students', { token: api.tokens.service, headers });
      expect(list.status).toBe(200);
      expect(list.body.data.length).toBeGreaterThanOrEqual(3);
      await expectProblem(
        await api.fetch('/v1/tokens', { token: api.tokens.service, headers }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch(`/v1/students/${ids.third}`, {
          method: 'DELETE',
          token: api.tokens.service,
          headers,
        }),
        403,
        'forbidden',
      );
    });
  });
});
