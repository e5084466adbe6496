/**
 * GET /v1/students/counts: how many students match filters that each take several values, and
 * how many in each group — checked against the records themselves, read page by page.
 */
import { Student } from '@passerelle/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Page = { data: JsonObject[]; next_cursor: string | null };
type Counts = { total: number; groups: { key: string; count: number }[] };

describe.each(storeKinds)('student counts on %s', (store) => {
  let api: TestApi;
  let everyone: Student[];

  const counts = async (query: string) => {
    const response = await api.json<Counts>(`/v1/students/counts${query}`, {
      token: api.tokens.staff,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    api = await startTestApi({ store });
    // Thirty more students across nationalities, programmes, statuses, levels and years.
    const nationalities = ['FR', 'IT', 'DE', 'JP', 'BR'];
    const kinds = ['exchange', 'degree', 'short_term'];
    const statuses = ['applied', 'admitted', 'arrived', 'active', 'completed', 'withdrawn'];
    for (let index = 0; index < 30; index++) {
      const made = await api.json<JsonObject>('/v1/students', {
        token: api.tokens.staff,
        body: {
          fullName: `Counted ${index}`,
          email: `counted${index}@example.org`,
          nationality: nationalities[index % 5],
          programmeKind: kinds[index % 3],
          status: statuses[index % 6],
          level: index % 2 === 0 ? 'master' : 'bachelor',
          programmeStart: `${2024 + (index % 3)}-0${1 + (index % 9)}-01`,
          programmeEnd: '2027-12-31',
        },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
    everyone = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await api.json<Page>(`/v1/students?limit=200${suffix}`, {
        token: api.tokens.staff,
      });
      everyone.push(...page.body.data.map((item) => Student.parse(item)));
      cursor = page.body.next_cursor;
      if (cursor === null) break;
    }
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('counts what the list holds, for filters of several values', async () => {
    expect(everyone.length).toBeGreaterThan(20);
    expect((await counts('')).total).toBe(everyone.length);
    const cases: [string, (student: Student) => boolean][] = [
      ['?programme_kind=exchange', (s) => s.programmeKind === 'exchange'],
      ['?nationality=FR,IT', (s) => s.nationality === 'FR' || s.nationality === 'IT'],
      [
        '?status=active,arrived&programme_kind=exchange,degree',
        (s) =>
          (s.status === 'active' || s.status === 'arrived') &&
          (s.programmeKind === 'exchange' || s.programmeKind === 'degree'),
      ],
      ['?started_in=2025', (s) => s.status !== 'applied' && s.programmeStart.startsWith('2025-')],
      [
        '?academic_year=2025-2026&level=master',
        (s) => s.academicYear === '2025-2026' && s.level === 'master',
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = everyone.filter(keep).length;
      expect((await counts(query)).total, query).toBe(expected);
    }
    // At least one case is neither everyone nor no one.
    const some = everyone.filter((s) => s.programmeKind === 'exchange').length;
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(everyone.length);
  });

  it('lists the students who started in a year, as it counts them', async () => {
    const started = (s: Student) => s.status !== 'applied' && s.programmeStart.startsWith('2025-');
    const expected = everyone.filter((s) => started(s) && s.programmeKind === 'exchange');
    expect(expected.length).toBeGreaterThan(0);
    const listed = await api.json<Page>(
      '/v1/students?started_in=2025&programme_kind=exchange&limit=200',
      { token: api.tokens.staff },
    );
    expect(listed.body.next_cursor).toBeNull();
    expect(listed.body.data.map((item) => Student.parse(item).id).sort()).toEqual(
      expected.map((s) => s.id).sort(),
    );
    expect((await counts('?started_in=2025&programme_kind=exchange')).total).toBe(expected.length);
    await expectProblem(
      await api.fetch('/v1/students?started_in=soon', { token: api.tokens.staff }),
      400,
      'validation',
    );
  });

  it('groups by a field, largest first, the groups adding up to the total', async () => {
    const byKind = await counts('?nationality=FR,IT,DE&group_by=programme_kind');
    const expected = new Map<string, number>();
    for (const s of everyone) {
      if (!['FR', 'IT', 'DE'].includes(s.nationality)) continue;
      expected.set(s.programmeKind, (expected.get(s.programmeKind) ?? 0) + 1);
    }
    expect(Object.fromEntries(byKind.groups.map((g) => [g.key, g.count]))).toEqual(
      Object.fromEntries(expected),
    );
    expect(byKind.total).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    const sizes = byKind.groups.map((g) => g.count);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const byStatus = await counts('?programme_kind=exchange&group_by=status');
    expect(byStatus.total).toBe(everyone.filter((s) => s.programmeKind === 'exchange').length);
    expect(new Set(byStatus.groups.map((g) => g.key)).size).toBe(byStatus.groups.length);
    expect((await counts('?nationality=AQ&group_by=status')).groups).toEqual([]);
  });

  it('is for staff, checks its parameters, and is not taken for a student id', async () => {
    // A student gets 404 for what is not theirs, as everywhere; the bot on its own, 403.
    await expectProblem(
      await api.fetch('/v1/students/counts', { token: api.tokens.student.token }),
      404,
      'not-found',
    );
    await expectProblem(
      await api.fetch('/v1/students/counts', { token: api.tokens.service }),
      403,
      'forbidden',
    );
    await expectProblem(await api.fetch('/v1/students/counts'), 401, 'unauthenticated');
    for (const [query, field] of [
      ['?programme_kind=exchange,alien', 'programme_kind'],
      ['?nationality=France', 'nationality'],
      ['?started_in=soon', 'started_in'],
      ['?group_by=email', 'group_by'],
    ] as const) {
      const problem = await expectProblem(
        await api.fetch(`/v1/students/counts${query}`, { token: api.tokens.staff }),
        400,
        'validation',
      );
      expect(JSON.stringify(problem.errors), query).toContain(field);
    }
    await expectProblem(
      await api.fetch('/v1/students/stu_nobody0000000', { token: api.tokens.staff }),
      404,
      'not-found',
    );
  });
});
