/**
 * /v1/delegations over HTTP: the demo France delegation of December 2025 with its itinerary,
 * list filters, CRUD with If-Match, transitions, itinerary items, outcomes and follow-ups,
 * rule 6 on every write (refused with every conflict listed, or stored with ?force=true), and
 * the role matrix.
 */
import { DEMO_IDS, demoData } from '@passerelle/core/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, ids } from './fixtures';
import {
  expectProblem,
  type FetchOptions,
  type JsonObject,
  startTestApi,
  storeKinds,
  type TestApi,
  testClock,
} from './helpers';

type Page = { data: JsonObject[]; next_cursor: string | null };

const FRANCE = DEMO_IDS.franceDelegation;
const paris = (date: string, time: string) => `${date}T${time}:00+01:00`;
const DEAN = { name: 'Laurent Mercier', staffId: DEMO_IDS.frenchDean };

describe.each(storeKinds)('delegations on %s', (store) => {
  let api: TestApi;
  const clock = testClock('2025-11-20T09:00:00.000Z');
  const demo = demoData(clock.now());
  const france = demo.delegations.find((delegation) => delegation.id === FRANCE);

  /** A JSON request as staff unless another token is given. */
  const call = (path: string, options: FetchOptions = {}) =>
    api.json<JsonObject>(path, { token: api.tokens.staff, ...options });
  const idsOf = (page: { body: Page }) => page.body.data.map((item) => item.id);
  const list = (query: string, token?: string) =>
    api.json<Page>(`/v1/delegations${query}`, { token: token ?? api.tokens.staff });
  const itemIds = (delegation: JsonObject) =>
    (delegation.itinerary as JsonObject[]).map((item) => item.id as string);

  async function createDelegation(body: JsonObject, query = ''): Promise<JsonObject> {
    const created = await call(`/v1/delegations${query}`, { body });
    expect(created.status).toBe(201);
    return created.body;
  }

  const lyon = (overrides: JsonObject = {}): JsonObject => ({
    direction: 'outbound',
    title: { en: 'Visit to Lyon', zh: '赴里昂访问', fr: 'Visite à Lyon' },
    startDate: '2026-03-02',
    endDate: '2026-03-05',
    countries: ['FR'],
    leader: { name: 'Alice Martin' },
    members: [{ name: 'Bob Chen' }],
    ...overrides,
  });

  beforeAll(async () => {
    api = await startTestApi({
      store,
      clock,
      data: { ...fixtures(), delegations: demo.delegations },
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('the December 2025 France delegation (demo data)', () => {
    it('answers with its 16 itinerary items in the Paris time zone, and is valid', async () => {
      expect(france?.itinerary).toHaveLength(16);
      const got = await call(`/v1/delegations/${FRANCE}`);
      expect(got.status).toBe(200);
      expect(got.headers.get('etag')).toBe('"1"');
      expect(got.body).toMatchObject({
        direction: 'outbound',
        startDate: '2025-12-08',
        endDate: '2025-12-12',
        leader: { name: 'Laurent Mercier' },
        title: { zh: '巴黎卓越工程师学院与国际合作与交流处赴法国访问' },
      });
      const itinerary = got.body.itinerary as JsonObject[];
      expect(itinerary).toHaveLength(16);
      expect(itinerary.every((item) => item.timeZone === 'Europe/Paris')).toBe(true);
      expect(itinerary.filter((item) => item.kind === 'travel')).toHaveLength(3);
      const louisLeGrand = itinerary.find((item) => item.institutionId === DEMO_IDS.louisLeGrand);
      expect(louisLeGrand).toMatchObject({
        start: paris('2025-12-10', '15:30'),
        participants: ['Laurent Mercier', 'Zhou Lan'],
      });

      const validation = await call(`/v1/delegations/${FRANCE}/validation`);
      expect(validation.status).toBe(200);
      expect(validation.body).toEqual({ valid: true, violations: [] });
    });

    it('lists its open follow-ups, earliest first, overdue only after their due date', async () => {
      const open = await call(`/v1/delegations/${FRANCE}/follow-ups`);
      expect(open.status).toBe(200);
      const rows = (open.body.data as JsonObject[]).map((f) => [f.action, f.dueDate, f.overdue]);
      expect(rows).toEqual([
        ['Propose two joint research topics', '2026-03-31', false],
        ['Agree the selection process and calendar', '2026-04-30', false],
        ['Sign the immersion memorandum', '2026-04-30', false],
        ['List partner companies offering internships', '2026-05-15', false],
        ['Send the draft dual-degree agreement for legal review', '2026-06-30', false],
      ]);
      expect((open.body.data as JsonObject[])[0]?.outcomeId).toMatch(/^out_/);
      const later = await call(`/v1/delegations/${FRANCE}/follow-ups?date=2026-05-01`);
      expect((later.body.data as JsonObject[]).map((f) => f.overdue)).toEqual([
        true,
        true,
        true,
        false,
        false,
      ]);
      await expectProblem(
        await api.fetch(`/v1/delegations/${FRANCE}/follow-ups?date=2026-13-01`, {
          token: api.tokens.staff,
        }),
        400,
        'validation',
      );
    });
  });

  describe('lists', () => {
    it('filters by direction, status, dates, institution, country and text in every language', async () => {
      const outbound = await list('?direction=outbound&limit=200');
      expect(idsOf(outbound)).toEqual(['del_demo000005', 'del_demo000004', FRANCE]);
      const inbound = await list('?direction=inbound&status=approved');
      expect(idsOf(inbound)).toEqual([DEMO_IDS.albertSchoolVisitPlanned]);
      expect(idsOf(await list('?status=cancelled'))).toEqual(['del_demo000019']);

      // Overlap of date ranges: a delegation that starts before `from` still counts.
      expect(idsOf(await list('?from=2025-12-12&to=2026-01-01'))).toEqual([
        FRANCE,
        DEMO_IDS.albertSchoolVisitPlanned,
      ]);
      expect(idsOf(await list('?from=2025-12-13&to=2025-12-31'))).toEqual([]);
      expect(idsOf(await list('?to=2024-04-01'))).toEqual(['del_demo000020']);

      expect(idsOf(await list(`?institution_id=${DEMO_IDS.louisLeGrand}`))).toEqual([FRANCE]);
      expect(idsOf(await list('?country=DE'))).toEqual([
        'del_demo000025',
        'del_demo000004',
        'del_demo000015',
      ]);
      expect(idsOf(await list('?country=DE&direction=outbound'))).toEqual(['del_demo000004']);

      const search = async (q: string) => idsOf(await list(`?q=${encodeURIComponent(q)}`));
      expect(await search('巴黎卓越工程师')).toEqual([FRANCE]);
      expect(await search('delegation de speit')).toEqual([FRANCE]);
      expect(await search('赴法国')).toEqual(['del_demo000005', FRANCE]);
      expect(await search('munich and milan')).toEqual(['del_demo000004']);
    });

    it('finds a delegation by an institution named only on an itinerary item', async () => {
      const created = await createDelegation(lyon({ title: { en: 'Tongji day trip' } }));
      expect(idsOf(await list(`?institution_id=${ids.tongji}`))).toEqual([]);
      const added = await call(`/v1/delegations/${created.id}/itinerary`, {
        body: {
          kind: 'meeting',
          start: paris('2026-03-03', '10:00'),
          end: paris('2026-03-03', '11:00'),
          timeZone: 'Europe/Paris',
          institutionId: ids.tongji,
        },
      });
      expect(added.status).toBe(201);
      expect(idsOf(await list(`?institution_id=${ids.tongji}`))).toEqual([created.id]);
      expect(
        await api.fetch(`/v1/delegations/${created.id}`, {
          method: 'DELETE',
          token: api.tokens.admin,
        }),
      ).toHaveProperty('status', 204);
    });

    it('sorts by start date either way or by creation, and pages with a cursor', async () => {
      const ascending = await list('?limit=200');
      const starts = ascending.body.data.map((item) => String(item.startDate));
      expect(starts).toEqual([...starts].sort());
      expect(starts).toHaveLength(demo.delegations.length);
      const descending = await list('?sort=-start_date&limit=200');
      expect(idsOf(descending)).toEqual(idsOf(ascending).reverse());
      expect((await list('?sort=created&limit=1')).body.data).toHaveLength(1);

      const paged: unknown[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=4${cursor === null ? '' : `&cursor=${cursor}`}`;
        const page = await list(query);
        paged.push(...idsOf(page));
        cursor = page.body.next_cursor;
      } while (cursor !== null);
      expect(paged).toEqual(idsOf(ascending));
    });

    it('refuses a range that ends before it starts, and unknown values', async () => {
      const problem = await expectProblem(
        await api.fetch('/v1/delegations?from=2026-01-02&to=2026-01-01', {
          token: api.tokens.staff,
        }),
        400,
        'validation',
      );
      expect((problem.errors as JsonObject[])[0]?.path).toBe('query.to');
      await expectProblem(
        await api.fetch('/v1/delegations?direction=sideways', { token: api.tokens.staff }),
        400,
        'validation',
      );
      await expectProblem(
        await api.fetch('/v1/delegations?sort=title', { token: api.tokens.staff }),
        400,
        'validation',
      );
    });
  });

  describe('create, change, move and delete', () => {
    it('creates with an empty itinerary, changes with If-Match, and deletes (admin only)', async () => {
      const created = await call('/v1/delegations', { body: lyon() });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(id).toMatch(/^del_/);
      expect(created.headers.get('location')).toBe(`/v1/delegations/${id}`);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.headers.get('passerelle-violations')).toBeNull();
      expect(created.body).toMatchObject({ status: 'planned', itinerary: [], outcomes: [] });

      const changed = await call(`/v1/delegations/${id}`, {
        method: 'PATCH',
        headers: { 'if-match': '"1"' },
        body: { objectives: ['Meet the Lyon partners'], endDate: '2026-03-06' },
      });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('"2"');
      expect(changed.body).toMatchObject({
        version: 2,
        endDate: '2026-03-06',
        objectives: ['Meet the Lyon partners'],
        title: { en: 'Visit to Lyon' },
      });

      const stale = await expectProblem(
        await api.fetch(`/v1/delegations/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          headers: { 'if-match': '"1"' },
          body: { objectives: [] },
        }),
        412,
        'precondition-failed',
      );
      expect((stale.data as JsonObject).currentVersion).toBe(2);

      const statusByPatch = await expectProblem(
        await api.fetch(`/v1/delegations/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { status: 'approved' },
        }),
        400,
        'validation',
      );
      expect(JSON.stringify(statusByPatch.errors)).toContain('status');
      const backwards = await expectProblem(
        await api.fetch(`/v1/delegations/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { startDate: '2026-03-10' },
        }),
        400,
        'validation',
      );
      expect((backwards.errors as JsonObject[])[0]?.path).toBe('body.endDate');

      await expectProblem(
        await api.fetch(`/v1/delegations/${id}`, { method: 'DELETE', token: api.tokens.staff }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch(`/v1/delegations/${id}`, {
          method: 'DELETE',
          token: api.tokens.admin,
          headers: { 'if-match': '"1"' },
        }),
        412,
        'precondition-failed',
      );
      const removed = await api.fetch(`/v1/delegations/${id}`, {
        method: 'DELETE',
        token: api.tokens.admin,
        headers: { 'if-match': '"2"' },
      });
      expect(removed.status).toBe(204);
      await expectProblem(
        await api.fetch(`/v1/delegations/${id}`, { token: api.tokens.staff }),
        404,
        'not-found',
      );

      const audit = await api.json<Page>(`/v1/audit?entity_id=${id}`, {
        token: api.tokens.admin,
      });
      expect(audit.body.data.map((entry) => [entry.action, entry.versionAfter])).toEqual([
        ['delegation.delete', null],
        ['delegation.update', 2],
        ['delegation.create', 1],
      ]);
    });

    it('refuses an invalid body with the failing fields', async () => {
      const problem = await expectProblem(
        await api.fetch('/v1/delegations', {
          token: api.tokens.staff,
          body: lyon({ startDate: '2026-03-05', endDate: '2026-03-01', countries: [] }),
        }),
        400,
        'validation',
      );
      const paths = (problem.errors as JsonObject[]).map((error) => error.path);
      expect(paths).toContain('body.countries');
      await expectProblem(
        await api.fetch('/v1/delegations', {
          token: api.tokens.staff,
          body: lyon({ startDate: '2026-03-05', endDate: '2026-03-01' }),
        }),
        400,
        'validation',
      );
      await expectProblem(
        await api.fetch('/v1/delegations/del_nothing0000', { token: api.tokens.staff }),
        404,
        'not-found',
      );
    });

    it('moves through the lifecycle; an illegal move is 409 with the allowed states', async () => {
      const created = await createDelegation(
        lyon({ startDate: '2026-04-01', endDate: '2026-04-02' }),
      );
      const path = `/v1/delegations/${created.id}/transitions`;
      const illegal = await expectProblem(
        await api.fetch(path, { token: api.tokens.staff, body: { to: 'underway' } }),
        409,
        'illegal-transition',
      );
      expect(illegal.rule).toBe('delegation.illegal_transition');
      expect((illegal.data as JsonObject).allowed).toEqual(['approved', 'cancelled']);
      for (const to of ['approved', 'underway', 'completed']) {
        const moved = await call(path, { body: { to } });
        expect(moved.status).toBe(200);
        expect(moved.body.status).toBe(to);
      }
      const final = await expectProblem(
        await api.fetch(path, { token: api.tokens.staff, body: { to: 'cancelled' } }),
        409,
        'illegal-transition',
      );
      expect((final.data as JsonObject).allowed).toEqual([]);
      await expectProblem(
        await api.fetch(path, {
          token: api.tokens.staff,
          headers: { 'if-match': '"1"' },
          body: { to: 'planned' },
        }),
        412,
        'precondition-failed',
      );
      const audit = await api.json<Page>(`/v1/audit?entity_id=${created.id}&limit=1`, {
        token: api.tokens.admin,
      });
      expect(audit.body.data[0]).toMatchObject({
        action: 'delegation.transition',
        versionBefore: 3,
        versionAfter: 4,
        details: { from: 'underway', to: 'completed' },
      });
    });
  });

  describe('itinerary, outcomes and follow-ups', () => {
    it('adds, changes and removes itinerary items, each a new version of the delegation', async () => {
      const created = await createDelegation(
        lyon({ startDate: '2026-05-04', endDate: '2026-05-06' }),
      );
      const base = `/v1/delegations/${created.id}/itinerary`;
      const added = await call(base, {
        headers: { 'if-match': '"1"' },
        body: {
          kind: 'meeting',
          start: paris('2026-05-04', '10:00'),
          end: paris('2026-05-04', '12:00'),
          timeZone: 'Europe/Paris',
          place: 'INSA Lyon',
        },
      });
      expect(added.status).toBe(201);
      expect(added.headers.get('etag')).toBe('"2"');
      const [itemId] = itemIds(added.body);
      expect(itemId).toMatch(/^itm_/);
      expect((added.body.itinerary as JsonObject[])[0]).toMatchObject({
        place: 'INSA Lyon',
        participants: [],
      });

      const changed = await call(`${base}/${itemId}`, {
        method: 'PATCH',
        headers: { 'if-match': '"2"' },
        body: { place: 'INSA Lyon, Villeurbanne', participants: ['Bob Chen'] },
      });
      expect(changed.status).toBe(200);
      expect(changed.body.version).toBe(3);
      expect((changed.body.itinerary as JsonObject[])[0]).toMatchObject({
        id: itemId,
        place: 'INSA Lyon, Villeurbanne',
        start: paris('2026-05-04', '10:00'),
        participants: ['Bob Chen'],
      });

      const endFirst = await expectProblem(
        await api.fetch(`${base}/${itemId}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { end: paris('2026-05-04', '09:00') },
        }),
        400,
        'validation',
      );
      expect((endFirst.errors as JsonObject[])[0]?.path).toBe('body.end');
      await expectProblem(
        await api.fetch(`${base}/${itemId}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          headers: { 'if-match': '"2"' },
          body: { place: 'Elsewhere' },
        }),
        412,
        'precondition-failed',
      );
      await expectProblem(
        await api.fetch(`${base}/itm_nothing0000`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { place: 'Elsewhere' },
        }),
        404,
        'not-found',
      );

      const outside = await expectProblem(
        await api.fetch(base, {
          token: api.tokens.staff,
          body: {
            kind: 'travel',
            start: paris('2026-05-07', '08:00'),
            end: paris('2026-05-07', '10:00'),
            timeZone: 'Europe/Paris',
          },
        }),
        422,
        'rule-violation',
      );
      expect(outside.rule).toBe('delegation.item_outside_dates');
      const [violation] = (outside.data as JsonObject).violations as JsonObject[];
      expect(violation).toMatchObject({
        rule: 'delegation.item_outside_dates',
        introduced: true,
        data: { itemStartDate: '2026-05-07', endDate: '2026-05-06' },
      });
      expect((violation?.message as JsonObject | undefined)?.zh).toContain('超出');

      const removed = await api.fetch(`${base}/${itemId}`, {
        method: 'DELETE',
        token: api.tokens.staff,
        headers: { 'if-match': '"3"' },
      });
      expect(removed.status).toBe(204);
      expect(removed.headers.get('etag')).toBe('"4"');
      const after = await call(`/v1/delegations/${created.id}`);
      expect(after.body).toMatchObject({ version: 4, itinerary: [] });
      await expectProblem(
        await api.fetch(`${base}/${itemId}`, { method: 'DELETE', token: api.tokens.staff }),
        404,
        'not-found',
      );

      const audit = await api.json<Page>(`/v1/audit?entity_id=${created.id}`, {
        token: api.tokens.admin,
      });
      expect(audit.body.data.map((entry) => entry.action)).toEqual([
        'delegation.itinerary.remove',
        'delegation.itinerary.update',
        'delegation.itinerary.add',
        'delegation.create',
      ]);
      expect(audit.body.data[0]?.details).toEqual({ itemId });
    });

    it('records outcomes and moves their follow-ups through the follow-up lifecycle', async () => {
      const created = await createDelegation(
        lyon({ startDate: '2026-06-01', endDate: '2026-06-02' }),
      );
      const base = `/v1/delegations/${created.id}`;
      const withOutcome = await call(`${base}/outcomes`, {
        body: {
          kind: 'consensus',
          institutionId: ids.polytechnique,
          summary: { en: 'Joint summer school', fr: "École d'été commune" },
          followUps: [
            {
              id: 'fup_lyon00000001',
              action: 'Draft the programme',
              owner: 'Bob Chen',
              dueDate: '2026-07-01',
            },
          ],
        },
      });
      expect(withOutcome.status).toBe(201);
      const outcome = (withOutcome.body.outcomes as JsonObject[])[0];
      const outcomeId = outcome?.id as string;
      expect(outcomeId).toMatch(/^out_/);
      expect(outcome?.followUps).toEqual([
        {
          id: 'fup_lyon00000001',
          action: 'Draft the programme',
          owner: 'Bob Chen',
          dueDate: '2026-07-01',
          status: 'open',
        },
      ]);

      const duplicate = await expectProblem(
        await api.fetch(`${base}/outcomes`, {
          token: api.tokens.staff,
          body: {
            kind: 'other',
            summary: { en: 'Again' },
            followUps: [
              { id: 'fup_lyon00000001', action: 'Twice', owner: 'Bob', dueDate: '2026-07-01' },
            ],
          },
        }),
        409,
        'conflict',
      );
      expect((duplicate.data as JsonObject).followUpIds).toEqual(['fup_lyon00000001']);

      const renamed = await call(`${base}/outcomes/${outcomeId}`, {
        method: 'PATCH',
        body: { summary: { en: 'Joint summer school in 2027' } },
      });
      expect(renamed.status).toBe(200);
      expect((renamed.body.outcomes as JsonObject[])[0]).toMatchObject({
        kind: 'consensus',
        summary: { en: 'Joint summer school in 2027' },
      });
      await expectProblem(
        await api.fetch(`${base}/outcomes/${outcomeId}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { followUps: [] },
        }),
        400,
        'validation',
      );

      const added = await call(`${base}/outcomes/${outcomeId}/follow-ups`, {
        body: { action: 'Book the rooms', owner: 'Alice Martin', dueDate: '2026-06-15' },
      });
      expect(added.status).toBe(201);
      const followUps = (added.body.outcomes as JsonObject[])[0]?.followUps as JsonObject[];
      expect(followUps).toHaveLength(2);
      const fupId = followUps[1]?.id as string;
      expect(fupId).toMatch(/^fup_/);

      const open = await call(`${base}/follow-ups`);
      expect((open.body.data as JsonObject[]).map((f) => [f.id, f.outcomeId])).toEqual([
        [fupId, outcomeId],
        ['fup_lyon00000001', outcomeId],
      ]);

      const fupPath = `${base}/outcomes/${outcomeId}/follow-ups/${fupId}`;
      for (const status of ['in_progress', 'done']) {
        const moved = await call(fupPath, { method: 'PATCH', body: { status } });
        expect(moved.status).toBe(200);
        const fup = (
          (moved.body.outcomes as JsonObject[])[0]?.followUps as JsonObject[] | undefined
        )?.[1];
        expect(fup?.status).toBe(status);
      }
      const reopen = await expectProblem(
        await api.fetch(fupPath, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { status: 'open' },
        }),
        409,
        'illegal-transition',
      );
      expect(reopen.rule).toBe('follow_up.illegal_transition');
      expect((reopen.data as JsonObject).allowed).toEqual([]);
      const redated = await call(fupPath, { method: 'PATCH', body: { dueDate: '2026-06-20' } });
      expect(redated.status).toBe(200);
      await expectProblem(
        await api.fetch(`${base}/outcomes/${outcomeId}/follow-ups/fup_nothing0000`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { owner: 'Someone' },
        }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch(`${base}/outcomes/out_nothing0000/follow-ups`, {
          token: api.tokens.staff,
          body: { action: 'Lost', owner: 'Nobody', dueDate: '2026-06-15' },
        }),
        404,
        'not-found',
      );
      expect(
        ((await call(`${base}/follow-ups`)).body.data as JsonObject[]).map((f) => f.id),
      ).toEqual(['fup_lyon00000001']);

      const removed = await api.fetch(`${base}/outcomes/${outcomeId}`, {
        method: 'DELETE',
        token: api.tokens.staff,
      });
      expect(removed.status).toBe(204);
      const after = await call(base);
      expect(after.body.outcomes).toEqual([]);
      expect(after.headers.get('etag')).toBe(removed.headers.get('etag'));
      expect((await call(`${base}/follow-ups`)).body.data).toEqual([]);
      await expectProblem(
        await api.fetch(`${base}/outcomes/${outcomeId}`, {
          method: 'DELETE',
          token: api.tokens.staff,
        }),
        404,
        'not-found',
      );
    });
  });

  describe('rule 6 on writes', () => {
    const overlapping = {
      kind: 'meeting',
      // 11:00–12:00 on 9 December: the Polytech Paris-Saclay meeting runs to 11:30, the lab
      // tour starts at 11:45; no participants named means the whole delegation.
      start: paris('2025-12-09', '11:00'),
      end: paris('2025-12-09', '12:00'),
      timeZone: 'Europe/Paris',
      place: 'Orsay, extra meeting',
    };

    it('refuses a double booking in the France itinerary, listing every conflict', async () => {
      const refused = await expectProblem(
        await api.fetch(`/v1/delegations/${FRANCE}/itinerary`, {
          token: api.tokens.staff,
          body: overlapping,
        }),
        422,
        'rule-violation',
      );
      expect(refused.rule).toBe('delegation.member_double_booked');
      expect(refused.detail).toContain('2 conflicts');
      const violations = (refused.data as JsonObject).violations as JsonObject[];
      expect(violations.map((v) => [v.rule, v.introduced])).toEqual([
        ['delegation.member_double_booked', true],
        ['delegation.member_double_booked', true],
      ]);
      const clashes = violations.map((v) => (v.data as JsonObject).itemIds as string[]);
      expect(clashes.map((pair) => pair.filter((id) => id.startsWith('itm_demo')))).toEqual([
        ['itm_demo000005'],
        ['itm_demo000006'],
      ]);
      expect((violations[0]?.data as JsonObject | undefined)?.people).toEqual([
        'Laurent Mercier',
        'Sun Meiling',
        'Zhou Lan',
        'Xu Ruoxi',
      ]);
      // Nothing was stored.
      const unchanged = await call(`/v1/delegations/${FRANCE}`);
      expect(unchanged.headers.get('etag')).toBe('"1"');
      expect(unchanged.body.itinerary).toHaveLength(16);
    });

    it('stores it with ?force=true, reports the conflicts, and lets unrelated edits through', async () => {
      const forced = await call(`/v1/delegations/${FRANCE}/itinerary?force=true`, {
        body: overlapping,
      });
      expect(forced.status).toBe(201);
      expect(forced.headers.get('passerelle-violations')).toBe(
        'delegation.member_double_booked, delegation.member_double_booked',
      );
      const newItem = itemIds(forced.body).at(-1) as string;

      const validation = await call(`/v1/delegations/${FRANCE}/validation`);
      expect(validation.body.valid).toBe(false);
      expect((validation.body.violations as JsonObject[]).map((v) => v.rule)).toEqual([
        'delegation.member_double_booked',
        'delegation.member_double_booked',
      ]);

      const audit = await api.json<Page>(`/v1/audit?entity_id=${FRANCE}&limit=1`, {
        token: api.tokens.admin,
      });
      expect(audit.body.data[0]).toMatchObject({
        action: 'delegation.itinerary.add',
        details: {
          itemId: newItem,
          forced: true,
          conflicts: ['delegation.member_double_booked', 'delegation.member_double_booked'],
        },
      });

      // Known conflicts do not block other changes, even to the item itself.
      const objectives = await call(`/v1/delegations/${FRANCE}`, {
        method: 'PATCH',
        body: { objectives: ['Deepen cooperation'] },
      });
      expect(objectives.status).toBe(200);
      expect(objectives.headers.get('passerelle-violations')).not.toBeNull();
      const narrowed = await call(`/v1/delegations/${FRANCE}/itinerary/${newItem}`, {
        method: 'PATCH',
        body: { participants: ['Zhou Lan'] },
      });
      expect(narrowed.status).toBe(200);

      // A change that adds one more conflict is refused, listing the old ones too.
      const moved = await expectProblem(
        await api.fetch(`/v1/delegations/${FRANCE}/itinerary/${newItem}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { end: paris('2025-12-09', '13:45') },
        }),
        422,
        'rule-violation',
      );
      const listed = (moved.data as JsonObject).violations as JsonObject[];
      expect(listed.map((v) => v.introduced)).toEqual([false, false, true]);
      expect((listed[2]?.data as JsonObject | undefined)?.itemIds).toContain('itm_demo000007');

      const removed = await api.fetch(`/v1/delegations/${FRANCE}/itinerary/${newItem}`, {
        method: 'DELETE',
        token: api.tokens.staff,
      });
      expect(removed.status).toBe(204);
      expect((await call(`/v1/delegations/${FRANCE}/validation`)).body).toEqual({
        valid: true,
        violations: [],
      });
    });

    it('refuses a person in two delegations at once, listing each overlapping delegation', async () => {
      const brussels = await createDelegation({
        direction: 'outbound',
        title: { en: 'Visit to Brussels' },
        startDate: '2025-12-13',
        endDate: '2025-12-14',
        countries: ['BE'],
        leader: DEAN,
      });
      const straddling = {
        direction: 'outbound',
        title: { en: 'Visit to Lille' },
        startDate: '2025-12-12',
        endDate: '2025-12-13',
        countries: ['FR'],
        leader: DEAN,
        members: [{ name: 'zhou  lan' }],
      };
      const refused = await expectProblem(
        await api.fetch('/v1/delegations', { token: api.tokens.staff, body: straddling }),
        422,
        'rule-violation',
      );
      expect(refused.rule).toBe('delegation.person_overlapping_delegations');
      const violations = (refused.data as JsonObject).violations as JsonObject[];
      expect(
        violations.map((v) => [
          (v.data as JsonObject).otherDelegationId,
          ((v.data as JsonObject).people as JsonObject[]).map((p) => p.name),
        ]),
      ).toEqual([
        [FRANCE, ['Laurent Mercier', 'zhou  lan']],
        [brussels.id, ['Laurent Mercier']],
      ]);
      expect(((refused.data as JsonObject).messages as JsonObject).fr).toContain('Délégation');

      const forced = await call('/v1/delegations?force=true', { body: straddling });
      expect(forced.status).toBe(201);
      expect(forced.headers.get('passerelle-violations')).toBe(
        'delegation.person_overlapping_delegations, delegation.person_overlapping_delegations',
      );
      // The conflict shows from the other side too, until the new one is cancelled.
      const fromBrussels = await call(`/v1/delegations/${brussels.id}/validation`);
      expect(fromBrussels.body.valid).toBe(false);
      const cancelled = await call(`/v1/delegations/${forced.body.id}/transitions`, {
        body: { to: 'cancelled' },
      });
      expect(cancelled.status).toBe(200);
      expect((await call(`/v1/delegations/${brussels.id}/validation`)).body.valid).toBe(true);

      // Moving Brussels onto the France dates is a PATCH that introduces the conflict.
      const patched = await expectProblem(
        await api.fetch(`/v1/delegations/${brussels.id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { startDate: '2025-12-12' },
        }),
        422,
        'rule-violation',
      );
      expect(((patched.data as JsonObject).violations as JsonObject[]).length).toBe(1);
    });
  });

  describe('who may do what', () => {
    // Valid bodies: a refusal must not depend on what is sent.
    const item = {
      kind: 'meeting',
      start: paris('2025-12-08', '09:00'),
      end: paris('2025-12-08', '09:30'),
      timeZone: 'Europe/Paris',
    };
    const followUp = { action: 'Call back', owner: 'Zhou Lan', dueDate: '2026-01-10' };
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/delegations'],
      ['GET', `/v1/delegations/${FRANCE}`],
      ['POST', '/v1/delegations', lyon()],
      ['PATCH', `/v1/delegations/${FRANCE}`, {}],
      ['DELETE', `/v1/delegations/${FRANCE}`],
      ['POST', `/v1/delegations/${FRANCE}/transitions`, { to: 'cancelled' }],
      ['GET', `/v1/delegations/${FRANCE}/validation`],
      ['GET', `/v1/delegations/${FRANCE}/follow-ups`],
      ['POST', `/v1/delegations/${FRANCE}/itinerary`, item],
      ['PATCH', `/v1/delegations/${FRANCE}/itinerary/itm_demo000001`, {}],
      ['DELETE', `/v1/delegations/${FRANCE}/itinerary/itm_demo000001`],
      ['POST', `/v1/delegations/${FRANCE}/outcomes`, { kind: 'other', summary: { en: 'x' } }],
      ['PATCH', `/v1/delegations/${FRANCE}/outcomes/out_demo000001`, {}],
      ['DELETE', `/v1/delegations/${FRANCE}/outcomes/out_demo000001`],
      ['POST', `/v1/delegations/${FRANCE}/outcomes/out_demo000001/follow-ups`, followUp],
      ['PATCH', `/v1/delegations/${FRANCE}/outcomes/out_demo000001/follow-ups/fup_demo000001`, {}],
    ];

    it('answers a student 404 and the bot 403 on every path, and nobody without a token', async () => {
      for (const [method, path, body] of routes) {
        const options = { method, ...(body === undefined ? {} : { body }) };
        await expectProblem(
          await api.fetch(path, { ...options, token: api.tokens.student.token }),
          404,
          'not-found',
        );
        await expectProblem(
          await api.fetch(path, { ...options, token: api.tokens.service }),
          403,
          'forbidden',
        );
        await expectProblem(await api.fetch(path, options), 401, 'unauthenticated');
      }
      // Untouched by all of that.
      const after = await call(`/v1/delegations/${FRANCE}`);
      expect(after.body.status).toBe('completed');
      expect(after.body.itinerary).toHaveLength(16);
    });

    it('lets admins read and write delegations like staff', async () => {
      expect((await list('?limit=1', api.tokens.admin)).status).toBe(200);
      const created = await call('/v1/delegations', {
        token: api.tokens.admin,
        body: lyon({ startDate: '2026-09-01', endDate: '2026-09-01' }),
      });
      expect(created.status).toBe(201);
      const item = await call(`/v1/delegations/${created.body.id}/itinerary`, {
        token: api.tokens.admin,
        body: {
          kind: 'meeting',
          start: '2026-09-01T08:00:00Z',
          end: '2026-09-01T09:00:00Z',
          timeZone: 'UTC',
        },
      });
      expect(item.status).toBe(201);
    });
  });
});
