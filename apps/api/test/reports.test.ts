/**
 * The year-end review over HTTP, on the demo world: the figures the seeds state, the same
 * review core computes over the whole data set, who may read it, and bad years.
 */
import { yearEndReview } from '@passerelle/core';
import { DEMO_IDS, demoData, demoFacts } from '@passerelle/core/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens';
import {
  expectProblem,
  type JsonValue,
  startTestApi,
  storeKinds,
  type TestApi,
  testClock,
} from './helpers';

// Any `now` from demoFacts.validFrom on reproduces the seeds' figures for 2025.
const now = new Date('2026-03-02T08:00:00.000Z');
const world = demoData(now);

type Figure = { value: number; previous: number; change: number; changePercent: number | null };
interface Review {
  year: number;
  previousYear: number;
  internationalStudents: {
    total: Figure;
    byProgrammeKind: (Figure & { programmeKind: string })[];
    byCountry: (Figure & { country: string })[];
  };
  shortTermVisitors: { total: Figure };
  summerSchool: { sessions: Figure; participants: Figure };
  visitingScholarsAndStaff: Figure;
  delegations: { inbound: Figure; outbound: Figure };
  agreements: { signed: Figure; expiring: Figure };
  events: {
    total: Figure;
    cultural: Figure;
    byKind: { kind: string; events: Figure; attended: Figure; registered: Figure }[];
  };
  publications: Figure;
  awards: { count: Figure; list: { person: string; category: string }[] };
  partners: { total: number; byStage: { stage: string; count: number }[] };
}

const pair = (figure: Figure | undefined) => [figure?.value, figure?.previous];

describe.each(storeKinds)('year-end review on %s', (store) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ store, data: world, clock: testClock(now) });
  });
  afterAll(async () => {
    await api?.close();
  });

  const review = async (year: string | number, token = api.tokens.staff) =>
    api.json<Review>(`/v1/reports/year-end/${year}`, { token });

  it('reproduces the figures of the seeds for 2025 against 2024', async () => {
    const { status, body } = await review(2025);
    expect(status).toBe(200);
    const facts = demoFacts.yearEnd;
    expect([body.year, body.previousYear]).toEqual([2025, 2024]);
    expect(body.internationalStudents.total).toEqual({
      value: 45,
      previous: 38,
      change: 7,
      changePercent: 18.4,
    });
    for (const [kind, figure] of Object.entries(facts.newStudentsByKind)) {
      const found = body.internationalStudents.byProgrammeKind.find(
        (item) => item.programmeKind === kind,
      );
      expect(pair(found), kind).toEqual([figure.value, figure.previous]);
    }
    const france = body.internationalStudents.byCountry.find((item) => item.country === 'FR');
    expect(pair(france)).toEqual([30, 26]);
    expect(body.internationalStudents.byCountry.filter((item) => item.value > 0)).toHaveLength(
      facts.newStudentCountries,
    );
    expect(pair(body.shortTermVisitors.total)).toEqual([370, 320]);
    expect(pair(body.summerSchool.sessions)).toEqual([3, 2]);
    expect(pair(body.summerSchool.participants)).toEqual([90, 68]);
    expect(pair(body.visitingScholarsAndStaff)).toEqual([56, 44]);
    expect(pair(body.delegations.inbound)).toEqual([10, 8]);
    expect(pair(body.delegations.outbound)).toEqual([2, 1]);
    expect(pair(body.agreements.signed)).toEqual([3, 2]);
    expect(pair(body.agreements.expiring)).toEqual([2, 1]);
    expect(pair(body.events.cultural)).toEqual([24, 19]);
    const summer = body.events.byKind.find((item) => item.kind === 'summer_school');
    expect(pair(summer?.attended)).toEqual([90, 68]);
    const workshops = body.events.byKind.find((item) => item.kind === 'online_workshop');
    expect(pair(workshops?.events)).toEqual([7, 4]);
    expect(pair(body.publications)).toEqual([53, 46]);
    expect(pair(body.awards.count)).toEqual([5, 4]);
    expect(body.awards.list).toHaveLength(5);
    expect(body.partners.total).toBe(demoFacts.institutions);
    expect(
      Object.fromEntries(body.partners.byStage.map((item) => [item.stage, item.count])),
    ).toEqual(demoFacts.partnersByStage);
  });

  it.each([2025, 2024, 2026])(
    'answers %i exactly as core computes it over the whole data set',
    async (year) => {
      const { status, body } = await review(year, api.tokens.admin);
      expect(status).toBe(200);
      const expected = JSON.parse(JSON.stringify(yearEndReview(world, year))) as JsonValue;
      expect(body).toEqual(expected);
    },
  );

  it('answers a year without records with zeros', async () => {
    const { status, body } = await review(1900);
    expect(status).toBe(200);
    expect(body.internationalStudents.total).toEqual({
      value: 0,
      previous: 0,
      change: 0,
      changePercent: null,
    });
    expect(body.events.total.value).toBe(0);
    expect(body.partners.total).toBe(demoFacts.institutions);
  });

  it('is for staff and admins: a student gets 404, the bot 403, no token 401', async () => {
    const student = (
      await createToken(
        api.store.db,
        { role: 'student', name: 'Demo student', studentId: DEMO_IDS.student },
        now,
      )
    ).token;
    for (const token of [student, api.tokens.student.token]) {
      await expectProblem(
        await api.fetch('/v1/reports/year-end/2025', { token }),
        404,
        'not-found',
      );
    }
    await expectProblem(
      await api.fetch('/v1/reports/year-end/2025', { token: api.tokens.service }),
      403,
      'forbidden',
    );
    await expectProblem(await api.fetch('/v1/reports/year-end/2025'), 401, 'unauthenticated');
  });

  it.each(['1899', '2201', 'abcd', '20250', '2e3', '0x7E9', '-2025', '2025.0'])(
    'refuses the year %s with 400 naming path.year',
    async (year) => {
      const response = await api.fetch(`/v1/reports/year-end/${year}`, {
        token: api.tokens.staff,
      });
      const problem = await expectProblem(response, 400, 'validation');
      expect(JSON.stringify(problem.errors)).toContain('path.year');
    },
  );
});
