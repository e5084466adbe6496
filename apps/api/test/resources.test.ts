/** Lists (filters, search, sorting, keyset pages), create/patch validation, transitions and audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Page = { data: JsonObject[]; next_cursor: string | null };

describe.each(storeKinds)('resources on %s', (store) => {
  let api: TestApi;
  const list = (path: string, token?: string) =>
    api.json<Page>(path, { token: token ?? api.tokens.staff });

  /** Every item of a list, page by page. */
  async function all(path: string): Promise<JsonObject[]> {
    const items: JsonObject[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const separator = path.includes('?') ? '&' : '?';
      const page: { body: Page } = await list(
        cursor === null ? path : `${path}${separator}cursor=${encodeURIComponent(cursor)}`,
      );
      items.push(...page.body.data);
      cursor = page.body.next_cursor;
      if (cursor === null) return items;
    }
    throw new Error('too many pages');
  }

  beforeAll(async () => {
    api = await startTestApi({ store });
    // Twelve more students, to page through.
    for (let index = 0; index < 12; index++) {
      const response = await api.fetch('/v1/students', {
        token: api.tokens.staff,
        body: {
          fullName: `Student ${String.fromCharCode(65 + ((index * 7) % 12))}${index}`,
          email: `s${index}@example.org`,
          nationality: index % 2 === 0 ? 'JP' : 'BR',
          programmeKind: 'short_term',
          programmeStart: `2026-0${1 + (index % 9)}-01`,
          programmeEnd: '2026-12-31',
          documents: index === 3 ? { insuranceExpiry: '2026-02-01' } : {},
        },
      });
      expect(response.status).toBe(201);
      api.clock.advance(1000);
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('institutions', () => {
    it('searches names in every language, short names and aliases, without accents or case', async () => {
      const search = async (q: string) =>
        (await list(`/v1/institutions?q=${encodeURIComponent(q)}`)).body.data.map(
          (item) => item.id,
        );
      expect(await search('ecole poly')).toEqual([ids.polytechnique]);
      expect(await search('综合理工')).toEqual([ids.polytechnique]);
      expect(await search('TUM')).toEqual([ids.tuMunich]);
      expect(await search('polytechnique')).toEqual([ids.polytechnique]);
      expect(await search('100%_')).toEqual([]);
    });

    it('filters by country, stage and kind, and sorts by name', async () => {
      const french = await list('/v1/institutions?country=FR&sort=name');
      expect(french.body.data.map((item) => item.id)).toEqual([ids.albert, ids.polytechnique]);
      const partners = await list('/v1/institutions?stage=partner&kind=university');
      expect(partners.body.data.map((item) => item.id)).toEqual([ids.tuMunich]);
      const reversed = await list('/v1/institutions?sort=-name&country=FR');
      expect(reversed.body.data.map((item) => item.id)).toEqual([ids.polytechnique, ids.albert]);
    });

    it('records a stage change in the history, and refuses a move the stages do not allow', async () => {
      const moved = await api.json<JsonObject>(`/v1/institutions/${ids.albert}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        body: { stage: 'contacted' },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.stageHistory).toEqual([{ stage: 'contacted', on: '2025-11-20' }]);
      const refused = await expectProblem(
        await api.fetch(`/v1/institutions/${ids.albert}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { stage: 'partner' },
        }),
        409,
        'illegal-transition',
      );
      expect(refused.rule).toBe('institution.illegal_transition');
    });

    it('refuses unknown fields in a patch', async () => {
      const problem = await expectProblem(
        await api.fetch(`/v1/institutions/${ids.albert}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { id: 'ins_other0000001', version: 9 },
        }),
        400,
        'validation',
      );
      expect(JSON.stringify(problem.errors)).toContain('body');
    });
  });

  describe('students', () => {
    it('pages with a cursor: every student once, in order, whatever the page size', async () => {
      const everyone = await all('/v1/students?limit=200');
      expect(everyone).toHaveLength(15);
      for (const limit of [1, 4, 7]) {
        const paged = await all(`/v1/students?limit=${limit}`);
        expect(paged.map((item) => item.id)).toEqual(everyone.map((item) => item.id));
      }
      const byName = await all('/v1/students?limit=4&sort=name');
      const names = byName.map((item) => String(item.fullName).toLowerCase());
      expect(names).toEqual([...names].sort());
      const byStartDesc = await all('/v1/students?limit=5&sort=-programme_start');
      const starts = byStartDesc.map((item) => String(item.programmeStart));
      expect(starts).toEqual([...starts].sort().reverse());
    });

    it('refuses a cursor from another order or a forged one', async () => {
      const first = await list('/v1/students?limit=2&sort=name');
      const cursor = first.body.next_cursor ?? '';
      const problem = await expectProblem(
        await api.fetch(`/v1/students?limit=2&sort=created&cursor=${cursor}`, {
          token: api.tokens.staff,
        }),
        400,
        'validation',
      );
      expect((problem.errors as JsonObject[])[0]?.path).toBe('query.cursor');
      await expectProblem(
        await api.fetch('/v1/students?cursor=bm9wZQ', { token: api.tokens.staff }),
        400,
        'validation',
      );
    });

    it('filters by status, programme kind, nationality, institution, level, year and documents', async () => {
      const ofIds = async (query: string) =>
        (await all(`/v1/students?${query}`)).map((item) => item.id).sort();
      expect(await ofIds('status=active')).toEqual([ids.student]);
      expect(await ofIds('nationality=DE')).toEqual([ids.other]);
      expect(
        await ofIds(`home_institution_id=${ids.polytechnique}&programme_kind=exchange`),
      ).toEqual([ids.student, ids.third].sort());
      expect(await ofIds('level=phd')).toEqual([ids.other]);
      expect(await ofIds('academic_year=2026-2027&programme_kind=exchange')).toEqual([ids.third]);
      expect((await all('/v1/students?nationality=JP')).length).toBe(6);
      const expiring = await all('/v1/students?document_expiring_before=2026-03-01');
      expect(expiring.map((item) => item.id)).toContain(ids.other);
      expect(expiring.map((item) => item.fullName)).toContain('Student J3');
      expect(expiring.map((item) => item.id)).not.toContain(ids.student);
      expect(await ofIds('q=zhang')).toEqual([ids.third]);
    });

    it('reads the students named in `ids` in one request, within what the caller may see', async () => {
      const ofIds = async (query: string, token?: string) =>
        (await list(`/v1/students?${query}`, token)).body.data.map((item) => item.id).sort();
      const both = `ids=${ids.student},${ids.other}`;
      expect(await ofIds(both)).toEqual([ids.student, ids.other].sort());
      expect(await ofIds(`${both},${ids.student}&nationality=DE`)).toEqual([ids.other]);
      // A student still reaches only their own record.
      expect(await ofIds(both, api.tokens.student.token)).toEqual([ids.student]);
      await expectProblem(
        await api.fetch('/v1/students?ids=stu_nope,1', { token: api.tokens.staff }),
        400,
        'validation',
      );
      const tooMany = Array.from(
        { length: 201 },
        (_, n) => `stu_many${String(n).padStart(6, '0')}`,
      );
      await expectProblem(
        await api.fetch(`/v1/students?ids=${tooMany.join(',')}`, { token: api.tokens.staff }),
        400,
        'validation',
      );
    });

    it('derives the academic year, and re-checks the programme dates after a patch', async () => {
      const created = await api.json<JsonObject>('/v1/students', {
        token: api.tokens.staff,
        body: {
          fullName: 'Ana Souza',
          email: 'ana@example.org',
          nationality: 'BR',
          programmeKind: 'summer_school',
          programmeStart: '2026-07-01',
          programmeEnd: '2026-07-31',
        },
      });
      expect(created.body.academicYear).toBe('2025-2026');
      const id = created.body.id as string;
      const moved = await api.json<JsonObject>(`/v1/students/${id}`, {
        method: 'PATCH',
        token: api.tokens.staff,
        body: { programmeStart: '2026-09-02', programmeEnd: '2026-09-30' },
      });
      expect(moved.body.academicYear).toBe('2026-2027');
      const problem = await expectProblem(
        await api.fetch(`/v1/students/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { programmeEnd: '2026-01-01' },
        }),
        400,
        'validation',
      );
      expect((problem.errors as JsonObject[])[0]?.path).toBe('body.programmeEnd');
      await expectProblem(
        await api.fetch(`/v1/students/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { status: 'active' },
        }),
        400,
        'validation',
      );
    });

    it('moves a student one step at a time and writes the audit trail', async () => {
      const created = await api.json<JsonObject>('/v1/students', {
        token: api.tokens.staff,
        body: {
          fullName: 'Kenji Sato',
          email: 'kenji@example.org',
          nationality: 'JP',
          programmeKind: 'degree',
          programmeStart: '2025-09-01',
          programmeEnd: '2028-06-30',
        },
      });
      const id = created.body.id as string;
      for (const to of ['admitted', 'enrolled', 'arrived', 'active', 'withdrawn']) {
        const moved = await api.json<JsonObject>(`/v1/students/${id}/transitions`, {
          token: api.tokens.staff,
          body: { to },
        });
        expect(moved.status).toBe(200);
        expect(moved.body.status).toBe(to);
      }
      const final = await expectProblem(
        await api.fetch(`/v1/students/${id}/transitions`, {
          token: api.tokens.staff,
          body: { to: 'active' },
        }),
        409,
        'illegal-transition',
      );
      expect((final.data as JsonObject).allowed).toEqual([]);

      const audit = await api.json<Page>(`/v1/audit?entity_id=${id}`, { token: api.tokens.admin });
      expect(
        audit.body.data.map((entry) => [entry.action, entry.versionBefore, entry.versionAfter]),
      ).toEqual([
        ['student.transition', 5, 6],
        ['student.transition', 4, 5],
        ['student.transition', 3, 4],
        ['student.transition', 2, 3],
        ['student.transition', 1, 2],
        ['student.create', null, 1],
      ]);
      expect(audit.body.data[0]).toMatchObject({
        actorRole: 'staff',
        actorId: ids.staff,
        onBehalfOf: null,
        entity: 'student',
        details: { to: 'withdrawn' },
      });
      expect(typeof audit.body.data[0]?.requestId).toBe('string');
    });

    it('admits an exchange student only under an agreement in force', async () => {
      const created = await api.json<JsonObject>('/v1/students', {
        token: api.tokens.staff,
        body: {
          fullName: 'Mia Fischer',
          email: 'mia@example.org',
          nationality: 'DE',
          programmeKind: 'exchange',
          homeInstitutionId: ids.tuMunich,
          programmeStart: '2025-09-01',
          programmeEnd: '2026-02-28',
        },
      });
      const problem = await expectProblem(
        await api.fetch(`/v1/students/${created.body.id}/transitions`, {
          token: api.tokens.staff,
          body: { to: 'admitted' },
        }),
        422,
        'rule-violation',
      );
      expect(problem.rule).toBe('student.no_active_agreement');
    });

    it('lets only admins read the audit log', async () => {
      await expectProblem(
        await api.fetch('/v1/audit', { token: api.tokens.staff }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch('/v1/audit', { token: api.tokens.student.token }),
        404,
        'not-found',
      );
      const page = await api.json<Page>('/v1/audit?limit=3', { token: api.tokens.admin });
      expect(page.body.data).toHaveLength(3);
      const next = await api.json<Page>(`/v1/audit?limit=3&cursor=${page.body.next_cursor}`, {
        token: api.tokens.admin,
      });
      const first = page.body.data.map((entry) => entry.id);
      expect(next.body.data.every((entry) => !first.includes(entry.id))).toBe(true);
    });
  });
});
