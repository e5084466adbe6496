/**
 * GET /v1/institutions/{id}/overview: an institution with every agreement it is party to and
 * every delegation to or from it, in one request — the same records as the three reads it
 * stands for, for staff only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Page = { data: JsonObject[]; next_cursor: string | null };
type Overview = { institution: JsonObject; agreements: JsonObject[]; delegations: JsonObject[] };

/** A planned delegation with these institutions and countries. */
const delegation = (
  title: string,
  direction: 'inbound' | 'outbound',
  dates: [string, string],
  institutionIds: string[],
  countries: string[],
) => ({
  title: { en: title },
  direction,
  status: 'planned',
  startDate: dates[0],
  endDate: dates[1],
  institutionIds,
  countries,
  leader: { name: 'Alice Martin' },
});

describe.each(storeKinds)('institution overview on %s', (store) => {
  let api: TestApi;

  const staff = <T>(path: string, body?: unknown) =>
    api.json<T>(path, { token: api.tokens.staff, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    api = await startTestApi({ store });
    // A second agreement and two delegations with Polytechnique, one of them with another
    // institution too; and an agreement elsewhere, which the overview must leave out.
    const made = [
      await staff('/v1/agreements', {
        title: { en: 'Dual degree with X' },
        kind: 'dual_degree',
        institutionIds: [ids.polytechnique, ids.tuMunich],
        status: 'negotiating',
      }),
      await staff('/v1/agreements', {
        title: { en: 'Exchange with Albert' },
        kind: 'student_exchange',
        institutionIds: [ids.albert],
        status: 'negotiating',
      }),
      await staff(
        '/v1/delegations',
        delegation(
          'Visit to Palaiseau',
          'outbound',
          ['2026-03-10', '2026-03-12'],
          [ids.polytechnique],
          ['FR'],
        ),
      ),
      await staff(
        '/v1/delegations',
        delegation(
          'X and TUM in Shanghai',
          'inbound',
          ['2026-01-20', '2026-01-22'],
          [ids.tuMunich, ids.polytechnique],
          ['FR', 'DE'],
        ),
      ),
    ];
    for (const response of made) expect(response.status, JSON.stringify(response.body)).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  it('answers the institution, its agreements and its delegations as the three reads do', async () => {
    const response = await staff<Overview>(`/v1/institutions/${ids.polytechnique}/overview`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const institution = await staff<JsonObject>(`/v1/institutions/${ids.polytechnique}`);
    const agreements = await staff<Page>(
      `/v1/agreements?institution_id=${ids.polytechnique}&limit=200`,
    );
    const delegations = await staff<Page>(
      `/v1/delegations?institution_id=${ids.polytechnique}&limit=200`,
    );

    expect(response.body.institution).toEqual(institution.body);
    expect(response.headers.get('etag')).toBe(institution.headers.get('etag'));
    expect(response.body.agreements).toEqual(agreements.body.data);
    expect(response.body.agreements.length).toBeGreaterThanOrEqual(2);
    expect(response.body.agreements.every((a) => typeof a.effectiveStatus === 'string')).toBe(true);
    expect(response.body.delegations).toEqual(delegations.body.data);
    expect(response.body.delegations.map((d) => d.startDate)).toEqual(
      [...response.body.delegations.map((d) => d.startDate)].sort(),
    );
    expect(
      response.body.agreements.some((a) =>
        JSON.stringify(a.title).includes('Exchange with Albert'),
      ),
    ).toBe(false);
  });

  it('answers empty lists for an institution with no agreement or delegation', async () => {
    const response = await staff<Overview>(`/v1/institutions/${ids.tongji}/overview`);
    expect(response.status).toBe(200);
    expect(response.body.institution.id).toBe(ids.tongji);
    expect(response.body.agreements).toEqual([]);
    expect(response.body.delegations).toEqual([]);
  });

  it('is for staff and admins: 404 for an unknown id, refused to students and to the bot on its own', async () => {
    await expectProblem(
      await api.fetch('/v1/institutions/ins_test99999999/overview', { token: api.tokens.staff }),
      404,
      'not-found',
    );
    // As everywhere, a student is not told that something exists; the bot on its own is refused.
    const path = `/v1/institutions/${ids.polytechnique}/overview`;
    await expectProblem(
      await api.fetch(path, { token: api.tokens.student.token }),
      404,
      'not-found',
    );
    await expectProblem(await api.fetch(path, { token: api.tokens.service }), 403, 'forbidden');
    const admin = await api.json<Overview>(`/v1/institutions/${ids.polytechnique}/overview`, {
      token: api.tokens.admin,
    });
    expect(admin.status).toBe(200);
    await expectProblem(
      await api.fetch('/v1/institutions/not-an-id/overview', { token: api.tokens.staff }),
      400,
      'validation',
    );
  });
});
