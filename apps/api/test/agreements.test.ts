/**
 * /v1/agreements: CRUD with If-Match and audit, the list filters (effective status and
 * expiry decided by the core rules at the office's today), transitions, the exchange
 * balance, and who may reach any of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

type Page = { data: JsonObject[]; next_cursor: string | null };

/** The test clock starts at 2025-11-20T09:00Z: 2025-11-20 in Shanghai too. */
const agreementsToCreate = {
  draftDual: {
    title: { en: 'Dual degree with TUM', zh: '慕尼黑工大双学位' },
    kind: 'dual_degree',
    institutionIds: [ids.tuMunich],
  },
  /** Ends in 101 days: inside its 180-day renewal notice. */
  expiringSummer: {
    title: { en: 'Albert School summer school' },
    kind: 'summer_school',
    institutionIds: [ids.albert],
    status: 'active',
    startDate: '2024-01-01',
    endDate: '2026-03-01',
    quotas: [{ academicYear: '2026-2027', direction: 'outbound', students: 4 }],
  },
  /** Stored active, but its end date has passed. */
  pastResearch: {
    title: { en: 'Research with Tongji' },
    kind: 'research',
    institutionIds: [ids.tongji],
    status: 'active',
    startDate: '2023-01-01',
    endDate: '2025-10-31',
  },
  /** Signed, starting next academic year. */
  futureExchange: {
    title: { en: 'Exchange with Polytechnique and TUM', fr: 'Échange X–TUM' },
    kind: 'student_exchange',
    institutionIds: [ids.polytechnique, ids.tuMunich],
    status: 'signed',
    startDate: '2026-09-01',
    endDate: '2030-08-31',
    partnerReference: 'IIA-2026-017',
  },
  /** Terminated, with an end date that would otherwise be within 60 days. */
  terminatedMou: {
    title: { en: 'MoU with Tongji' },
    kind: 'mou',
    institutionIds: [ids.tongji],
    status: 'terminated',
    startDate: '2022-01-01',
    endDate: '2026-01-10',
  },
  /** Open-ended: no end date. */
  openResearch: {
    title: { en: 'Open research cooperation with TUM' },
    kind: 'research',
    institutionIds: [ids.tuMunich],
    status: 'active',
    startDate: '2020-01-01',
    renewalNoticeDays: 90,
  },
} as const;
type Name = keyof typeof agreementsToCreate;

describe.each(storeKinds)('agreements on %s', (store) => {
  let api: TestApi;
  const created = {} as Record<Name, string>;

  const staff = (path: string, options: Parameters<TestApi['json']>[1] = {}) =>
    api.json<JsonObject>(path, { token: api.tokens.staff, ...options });
  const listIds = async (query: string, token?: string): Promise<string[]> => {
    const found: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const separator = query === '' ? '' : '&';
      const suffix: string = cursor === null ? '' : `${separator}cursor=${cursor}`;
      const page = await api.json<Page>(`/v1/agreements?${query}${suffix}`, {
        token: token ?? api.tokens.staff,
      });
      expect(page.status).toBe(200);
      found.push(...page.body.data.map((item) => String(item.id)));
      cursor = page.body.next_cursor;
      if (cursor === null) return found;
    }
    throw new Error('too many pages');
  };

  beforeAll(async () => {
    api = await startTestApi({ store });
    for (const [name, body] of Object.entries(agreementsToCreate)) {
      const response = await staff('/v1/agreements', { body });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      created[name as Name] = String(response.body.id);
      api.clock.advance(1000);
    }
  }, 60_000);
  afterAll(async () => {
    await api?.close();
  });

  describe('records', () => {
    it('creates, reads, changes with If-Match and deletes (admin), with an audit entry for each', async () => {
      const made = await staff('/v1/agreements', {
        body: {
          title: { en: 'Teacher training with Albert School' },
          kind: 'teacher_training',
          institutionIds: [ids.albert],
        },
      });
      expect(made.status).toBe(201);
      const id = String(made.body.id);
      expect(id).toMatch(/^agr_/);
      expect(made.headers.get('location')).toBe(`/v1/agreements/${id}`);
      expect(made.headers.get('etag')).toBe('"1"');
      expect(made.body).toMatchObject({
        status: 'draft',
        effectiveStatus: 'draft',
        renewalNoticeDays: 180,
        hostUnit: 'University',
      });

      const read = await staff(`/v1/agreements/${id}`);
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body.title).toEqual({ en: 'Teacher training with Albert School' });

      const changed = await staff(`/v1/agreements/${id}`, {
        method: 'PATCH',
        headers: { 'if-match': '"1"' },
        body: { startDate: '2025-09-01', endDate: '2026-01-31', notes: 'Two cohorts' },
      });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('"2"');
      expect(changed.body).toMatchObject({ version: 2, notes: 'Two cohorts', status: 'draft' });

      const stale = await expectProblem(
        await api.fetch(`/v1/agreements/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          headers: { 'if-match': '"1"' },
          body: { notes: 'lost update' },
        }),
        412,
        'precondition-failed',
      );
      expect((stale.data as JsonObject).currentVersion).toBe(2);

      await expectProblem(
        await api.fetch(`/v1/agreements/${id}`, { method: 'DELETE', token: api.tokens.staff }),
        403,
        'forbidden',
      );
      const gone = await api.fetch(`/v1/agreements/${id}`, {
        method: 'DELETE',
        token: api.tokens.admin,
        headers: { 'if-match': '"2"' },
      });
      expect(gone.status).toBe(204);
      await expectProblem(
        await api.fetch(`/v1/agreements/${id}`, { token: api.tokens.staff }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch(`/v1/agreements/${id}`, { method: 'DELETE', token: api.tokens.admin }),
        404,
        'not-found',
      );

      const audit = await api.json<Page>(`/v1/audit?entity_id=${id}`, {
        token: api.tokens.admin,
      });
      expect(
        audit.body.data.map((entry) => [entry.action, entry.versionBefore, entry.versionAfter]),
      ).toEqual([
        ['agreement.delete', 2, null],
        ['agreement.update', 1, 2],
        ['agreement.create', null, 1],
      ]);
      expect(audit.body.data[1]).toMatchObject({ actorId: ids.staff, entity: 'agreement' });
    });

    it('refuses unknown partners, dates out of order, a status change by PATCH and unknown fields', async () => {
      const unknown = await expectProblem(
        await api.fetch('/v1/agreements', {
          token: api.tokens.staff,
          body: {
            title: { en: 'Nobody' },
            kind: 'mou',
            institutionIds: [ids.albert, 'ins_nowhere000001'],
          },
        }),
        400,
        'validation',
      );
      expect(unknown.errors).toEqual([
        { path: 'body.institutionIds.1', message: 'there is no institution ins_nowhere000001' },
      ]);
      const id = created.expiringSummer;
      const swapped = await expectProblem(
        await api.fetch(`/v1/agreements/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { startDate: '2026-06-01' },
        }),
        400,
        'validation',
      );
      expect((swapped.errors as JsonObject[])[0]?.path).toBe('body.endDate');
      await expectProblem(
        await api.fetch(`/v1/agreements/${id}`, {
          method: 'PATCH',
          token: api.tokens.staff,
          body: { institutionIds: ['ins_nowhere000001'] },
        }),
        400,
        'validation',
      );
      for (const body of [{ status: 'expired' }, { version: 7 }, { effectiveStatus: 'active' }]) {
        await expectProblem(
          await api.fetch(`/v1/agreements/${id}`, {
            method: 'PATCH',
            token: api.tokens.staff,
            body,
          }),
          400,
          'validation',
        );
      }
      await expectProblem(
        await api.fetch('/v1/agreements', {
          token: api.tokens.staff,
          body: { title: { en: 'No partner' }, kind: 'mou', institutionIds: [] },
        }),
        400,
        'validation',
      );
      // Nothing above changed the record.
      expect((await staff(`/v1/agreements/${id}`)).body.version).toBe(1);
    });

    it('answers 404 for an unknown agreement and 400 for a malformed id', async () => {
      await expectProblem(
        await api.fetch('/v1/agreements/agr_nowhere000001', { token: api.tokens.staff }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch('/v1/agreements/not-an-id', { token: api.tokens.staff }),
        400,
        'validation',
      );
    });
  });

  it('documents every endpoint of agreements, staff, publications, awards and alerts', async () => {
    const document = await api.json<JsonObject>('/openapi.json');
    const paths = document.body.paths as Record<string, JsonObject>;
    const expected: Record<string, string[]> = {
      '/v1/agreements': ['get', 'post'],
      '/v1/agreements/{id}': ['get', 'patch', 'delete'],
      '/v1/agreements/{id}/transitions': ['post'],
      '/v1/agreements/{id}/balance': ['get'],
      '/v1/staff': ['get', 'post'],
      '/v1/staff/{id}': ['get', 'patch', 'delete'],
      '/v1/publications': ['get', 'post'],
      '/v1/publications/{id}': ['get', 'patch', 'delete'],
      '/v1/awards': ['get', 'post'],
      '/v1/awards/{id}': ['get', 'patch', 'delete'],
      '/v1/alerts': ['get'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
    }
    const listRoute = paths['/v1/agreements']?.get as JsonObject | undefined;
    const listParameters = ((listRoute?.parameters ?? []) as JsonObject[])
      .map((parameter) => parameter.name)
      .sort();
    expect(listParameters).toEqual(
      [
        'limit',
        'cursor',
        'sort',
        'institution_id',
        'country',
        'kind',
        'status',
        'effective_status',
        'expiring_within_days',
        'academic_year',
        'q',
      ].sort(),
    );
    const schemas = (document.body.components as JsonObject).schemas as JsonObject;
    for (const name of [
      'AgreementWithStatus',
      'AgreementBalance',
      'AlertReport',
      'StaffPublicView',
    ]) {
      expect(schemas[name], name).toBeDefined();
    }
  });

  describe('who may reach agreements', () => {
    it('students get 404 on every path, as if there were no agreements', async () => {
      const token = api.tokens.student.token;
      const id = ids.exchange;
      const attempts: [string, Parameters<TestApi['fetch']>[1]][] = [
        ['/v1/agreements', { token }],
        ['/v1/agreements?expiring_within_days=3650', { token }],
        [`/v1/agreements/${id}`, { token }],
        [`/v1/agreements/${id}/balance`, { token }],
        ['/v1/agreements', { token, body: agreementsToCreate.draftDual }],
        [`/v1/agreements/${id}`, { token, method: 'PATCH', body: { notes: 'x' } }],
        [`/v1/agreements/${id}`, { token, method: 'DELETE' }],
        [`/v1/agreements/${id}/transitions`, { token, body: { to: 'terminated' } }],
      ];
      for (const [path, options] of attempts) {
        await expectProblem(await api.fetch(path, options), 404, 'not-found');
      }
    });

    it('the bot on its own gets 403; staff read and write; admins also delete', async () => {
      const bot = api.tokens.service;
      await expectProblem(await api.fetch('/v1/agreements', { token: bot }), 403, 'forbidden');
      await expectProblem(
        await api.fetch(`/v1/agreements/${ids.exchange}`, { token: bot }),
        403,
        'forbidden',
      );
      await expectProblem(
        await api.fetch('/v1/agreements', { token: bot, body: agreementsToCreate.draftDual }),
        403,
        'forbidden',
      );
      for (const token of [api.tokens.staff, api.tokens.admin]) {
        expect((await api.fetch('/v1/agreements', { token })).status).toBe(200);
        const made = await api.json<JsonObject>('/v1/agreements', {
          token,
          body: { title: { en: 'Matrix' }, kind: 'mou', institutionIds: [ids.albert] },
        });
        expect(made.status).toBe(201);
        const patched = await api.fetch(`/v1/agreements/${made.body.id}`, {
          token,
          method: 'PATCH',
          body: { notes: 'checked' },
        });
        expect(patched.status).toBe(200);
        const removed = await api.fetch(`/v1/agreements/${made.body.id}`, {
          token: api.tokens.admin,
          method: 'DELETE',
        });
        expect(removed.status).toBe(204);
      }
      await expectProblem(await api.fetch('/v1/agreements'), 401, 'unauthenticated');
    });
  });

  describe('lists', () => {
    it('gives every agreement its status today and filters on the stored status', async () => {
      const page = await api.json<Page>('/v1/agreements?limit=200', { token: api.tokens.staff });
      const statusOf = Object.fromEntries(
        page.body.data.map((item) => [item.id, [item.status, item.effectiveStatus]]),
      );
      expect(statusOf).toMatchObject({
        [ids.exchange]: ['active', 'active'],
        [created.draftDual]: ['draft', 'draft'],
        [created.expiringSummer]: ['active', 'expiring'],
        [created.pastResearch]: ['active', 'expired'],
        [created.futureExchange]: ['signed', 'signed'],
        [created.terminatedMou]: ['terminated', 'terminated'],
        [created.openResearch]: ['active', 'active'],
      });
      expect((await listIds('status=active')).sort()).toEqual(
        [ids.exchange, created.expiringSummer, created.pastResearch, created.openResearch].sort(),
      );
    });

    it('filters on the effective status exactly as the rule decides, across pages of one', async () => {
      const all = await api.json<Page>('/v1/agreements?limit=200', { token: api.tokens.staff });
      const statuses = [
        'draft',
        'negotiating',
        'signed',
        'active',
        'expiring',
        'expired',
        'terminated',
      ];
      for (const status of statuses) {
        const expected = all.body.data
          .filter((item) => item.effectiveStatus === status)
          .map((item) => String(item.id));
        expect(await listIds(`effective_status=${status}&limit=1`), status).toEqual(expected);
        expect(await listIds(`effective_status=${status}&limit=3`), status).toEqual(expected);
      }
      expect(await listIds('effective_status=expiring')).toEqual([created.expiringSummer]);
      expect(await listIds('effective_status=expired')).toEqual([created.pastResearch]);
    });

    it('finds agreements ending within N days, never terminated or past ones', async () => {
      expect(await listIds('expiring_within_days=120')).toEqual([created.expiringSummer]);
      expect(await listIds('expiring_within_days=100')).toEqual([]);
      expect(await listIds('expiring_within_days=101&limit=1')).toEqual([created.expiringSummer]);
      expect((await listIds('expiring_within_days=3650&sort=end_date')).sort()).toEqual(
        [created.expiringSummer, ids.exchange, created.futureExchange].sort(),
      );
      await expectProblem(
        await api.fetch('/v1/agreements?expiring_within_days=0', { token: api.tokens.staff }),
        400,
        'validation',
      );
    });

    it('filters by partner, partner country, kind, quota year and search', async () => {
      expect((await listIds(`institution_id=${ids.tuMunich}`)).sort()).toEqual(
        [created.draftDual, created.futureExchange, created.openResearch].sort(),
      );
      expect((await listIds('country=FR')).sort()).toEqual(
        [ids.exchange, created.expiringSummer, created.futureExchange].sort(),
      );
      expect((await listIds('country=CN&kind=mou')).sort()).toEqual([created.terminatedMou]);
      expect(await listIds('country=JP')).toEqual([]);
      expect(await listIds('kind=research&status=active&limit=1')).toEqual([
        created.pastResearch,
        created.openResearch,
      ]);
      expect(await listIds('academic_year=2025-2026')).toEqual([ids.exchange]);
      expect(await listIds('academic_year=2026-2027')).toEqual([created.expiringSummer]);
      expect(await listIds('q=tongji')).toEqual([created.pastResearch, created.terminatedMou]);
      expect(await listIds('q=%E5%8F%8C%E5%AD%A6%E4%BD%8D')).toEqual([created.draftDual]); // 双学位
      expect(await listIds('q=iia-2026')).toEqual([created.futureExchange]);
      expect(await listIds('q=echange%20x')).toEqual([created.futureExchange]);
    });

    it('sorts by end date (dated agreements only), title and creation', async () => {
      const byEnd = await listIds('sort=end_date&limit=2');
      expect(byEnd).toEqual([
        created.pastResearch,
        created.terminatedMou,
        created.expiringSummer,
        ids.exchange,
        created.futureExchange,
      ]);
      expect(await listIds('sort=-end_date&limit=4')).toEqual([...byEnd].reverse());
      const byTitle = await api.json<Page>('/v1/agreements?sort=title&limit=200', {
        token: api.tokens.staff,
      });
      const titles = byTitle.body.data.map((item) =>
        String((item.title as JsonObject).en).toLowerCase(),
      );
      expect(titles).toEqual([...titles].sort());
      const byCreation = await listIds('sort=-created&limit=3');
      expect(byCreation.slice(0, 2)).toEqual([created.openResearch, created.terminatedMou]);
      await expectProblem(
        await api.fetch('/v1/agreements?sort=status', { token: api.tokens.staff }),
        400,
        'validation',
      );
      const first = await api.json<Page>('/v1/agreements?sort=title&limit=1', {
        token: api.tokens.staff,
      });
      await expectProblem(
        await api.fetch(`/v1/agreements?sort=end_date&cursor=${first.body.next_cursor}`, {
          token: api.tokens.staff,
        }),
        400,
        'validation',
      );
    });

    it("reads today in the office's time zone, not UTC", async () => {
      const made = await staff('/v1/agreements', {
        body: {
          title: { en: 'Ends on 20 November' },
          kind: 'internship',
          institutionIds: [ids.albert],
          status: 'active',
          startDate: '2025-01-01',
          endDate: '2025-11-20',
        },
      });
      const id = String(made.body.id);
      expect(made.body.effectiveStatus).toBe('expiring');
      const before = api.clock.now();
      // 17:00 UTC on the 20th is 01:00 on the 21st in Shanghai: the agreement has ended there.
      api.clock.set('2025-11-20T17:00:00.000Z');
      try {
        expect((await staff(`/v1/agreements/${id}`)).body.effectiveStatus).toBe('expired');
        expect(await listIds('effective_status=expired')).toContain(id);
      } finally {
        api.clock.set(before);
        await api.fetch(`/v1/agreements/${id}`, { method: 'DELETE', token: api.tokens.admin });
      }
    });
  });

  describe('transitions', () => {
    it('moves along the lifecycle, records the signature date and the audit entries', async () => {
      const id = created.draftDual;
      const steps: [string, number][] = [
        ['negotiating', 2],
        ['signed', 3],
        ['active', 4],
      ];
      for (const [to, version] of steps) {
        const moved = await staff(`/v1/agreements/${id}/transitions`, { body: { to } });
        expect(moved.status).toBe(200);
        expect(moved.body).toMatchObject({ status: to, version });
        expect(moved.headers.get('etag')).toBe(`"${version}"`);
      }
      const active = await staff(`/v1/agreements/${id}`);
      expect(active.body).toMatchObject({ signedOn: '2025-11-20', effectiveStatus: 'active' });
      const audit = await api.json<Page>(`/v1/audit?entity_id=${id}&limit=3`, {
        token: api.tokens.admin,
      });
      expect(audit.body.data.map((entry) => [entry.action, entry.details])).toEqual([
        ['agreement.transition', { to: 'active' }],
        ['agreement.transition', { to: 'signed' }],
        ['agreement.transition', { to: 'negotiating' }],
      ]);
    });

    it('refuses an illegal move with the allowed next states, and a stale If-Match', async () => {
      const id = created.openResearch;
      const refused = await expectProblem(
        await api.fetch(`/v1/agreements/${id}/transitions`, {
          token: api.tokens.staff,
          body: { to: 'draft' },
        }),
        409,
        'illegal-transition',
      );
      expect(refused.rule).toBe('agreement.illegal_transition');
      expect(refused.data).toMatchObject({
        from: 'active',
        to: 'draft',
        allowed: ['expired', 'terminated'],
      });
      expect(((refused.data as JsonObject).messages as JsonObject).zh).toContain('active');
      await expectProblem(
        await api.fetch(`/v1/agreements/${id}/transitions`, {
          token: api.tokens.staff,
          headers: { 'if-match': '"9"' },
          body: { to: 'terminated' },
        }),
        412,
        'precondition-failed',
      );
      await expectProblem(
        await api.fetch(`/v1/agreements/${id}/transitions`, {
          token: api.tokens.staff,
          body: { to: 'expiring' },
        }),
        400,
        'validation',
      );
      const terminated = await staff(`/v1/agreements/${created.terminatedMou}/transitions`, {
        body: { to: 'active' },
      });
      expect(terminated.status).toBe(409);
      expect((terminated.body.data as JsonObject).allowed).toEqual([]);
      await expectProblem(
        await api.fetch('/v1/agreements/agr_nowhere000001/transitions', {
          token: api.tokens.staff,
          body: { to: 'terminated' },
        }),
        404,
        'not-found',
      );
      expect((await staff(`/v1/agreements/${id}`)).body).toMatchObject({
        status: 'active',
        version: 1,
      });
    });
  });

  describe('exchange balance', () => {
    it('counts admitted students under the agreement for the year; outbound is not recorded', async () => {
      const statuses = ['active', 'enrolled', 'applied', 'withdrawn'];
      for (const [index, status] of statuses.entries()) {
        const response = await api.fetch('/v1/students', {
          token: api.tokens.staff,
          body: {
            fullName: `Balance ${index}`,
            email: `balance${index}@example.org`,
            nationality: 'FR',
            programmeKind: 'exchange',
            homeInstitutionId: ids.polytechnique,
            agreementId: ids.exchange,
            programmeStart: '2025-09-01',
            programmeEnd: '2026-06-30',
            status,
          },
        });
        expect(response.status).toBe(201);
      }
      const balance = await staff(`/v1/agreements/${ids.exchange}/balance?academic_year=2025-2026`);
      expect(balance.status).toBe(200);
      expect(balance.body).toEqual({
        agreementId: ids.exchange,
        academicYear: '2025-2026',
        inbound: 2,
        outbound: 0,
        difference: 2,
        imbalance: 1,
        flagged: true,
        outboundSource: 'not_recorded',
        inboundQuota: 1,
        outboundQuota: null,
      });
      // Without a year: the academic year of today in the office time zone (2025-2026).
      expect((await staff(`/v1/agreements/${ids.exchange}/balance`)).body).toEqual(balance.body);
      const other = await staff(`/v1/agreements/${ids.exchange}/balance?academic_year=2024-2025`);
      expect(other.body).toMatchObject({ inbound: 0, imbalance: 0, flagged: false });
      await expectProblem(
        await api.fetch('/v1/agreements/agr_nowhere000001/balance', { token: api.tokens.staff }),
        404,
        'not-found',
      );
      await expectProblem(
        await api.fetch(`/v1/agreements/${ids.exchange}/balance?academic_year=2025-2027`, {
          token: api.tokens.staff,
        }),
        400,
        'validation',
      );
    });
  });
});
