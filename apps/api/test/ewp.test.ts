/**
 * /v1/ewp/iias: agreements out as an IIAs API v7 document that the official schema accepts,
 * and such documents in: the EWP sample, a rejected one (nothing written), an unknown partner,
 * and our own export after the agreement was deleted, which comes back the same.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIiasDocument } from '../src/interchange/ewp/xml';
import { skipSchemaValidation, validateIiasDocument } from './ewp-schema';
import { ids } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/ewp/${name}`, import.meta.url), 'utf8');
const SAMPLE = fixture('iia-get-response.sample.xml');

interface Report {
  ok: boolean;
  written: boolean;
  dryRun: boolean;
  counts: { agreements: number; institutions: number; existing: number; rejected: number };
  iias: {
    outcome: string;
    agreementId?: string;
    institution?: { id: string; created: boolean };
    problems: { rule: string; path: string }[];
    unmapped: { rule: string }[];
  }[];
}

describe.each(storeKinds)('EWP interchange on %s', (store) => {
  let api: TestApi;
  let exchangeId = '';
  let multiId = '';

  const staff = (path: string, options: Parameters<TestApi['json']>[1] = {}) =>
    api.json<JsonObject>(path, { token: api.tokens.staff, ...options });
  const exportXml = async (query = '', token = api.tokens.staff) => {
    const response = await api.fetch(`/v1/ewp/iias${query}`, { token });
    return { response, text: await response.text() };
  };
  const importXml = (xml: string, query = '', token = api.tokens.staff) =>
    api.json<Report & JsonObject>(`/v1/ewp/iias/import${query}`, {
      token,
      body: xml,
      headers: { 'content-type': 'application/xml' },
    });
  const agreementCount = async () => {
    const page = await staff('/v1/agreements?limit=100');
    return (page.body.data as JsonObject[]).length;
  };

  beforeAll(async () => {
    api = await startTestApi({
      store,
      config: { EWP_HEI_ID: 'sjtu.edu.cn', EWP_LANGUAGES: [{ language: 'en', cefrLevel: 'B2' }] },
    });
    for (const [id, fields] of [
      [ids.polytechnique, { heiId: 'polytechnique.edu', tags: ['lang:fr:B1'] }],
      [ids.tuMunich, { heiId: 'tum.de' }],
    ] as const) {
      const patched = await staff(`/v1/institutions/${id}`, { method: 'PATCH', body: fields });
      expect(patched.status).toBe(200);
    }
    const exchange = await staff('/v1/agreements', {
      body: {
        title: { en: 'Engineering exchange with X' },
        kind: 'student_exchange',
        institutionIds: [ids.polytechnique],
        status: 'active',
        signedOn: '2025-03-14',
        startDate: '2025-09-01',
        endDate: '2028-08-31',
        partnerReference: 'X-SJTU-2025',
        quotas: ['2025-2026', '2026-2027', '2027-2028'].flatMap((academicYear) => [
          {
            academicYear,
            direction: 'outbound',
            students: 3,
            months: 15,
            levels: ['master'],
            subjectAreas: ['0710'],
          },
          { academicYear, direction: 'inbound', students: 2, levels: ['bachelor', 'master'] },
        ]),
      },
    });
    expect(exchange.status).toBe(201);
    exchangeId = String(exchange.body.id);
    const multi = await staff('/v1/agreements', {
      body: {
        title: { en: 'Summer school with X and TUM' },
        kind: 'summer_school',
        institutionIds: [ids.polytechnique, ids.tuMunich],
      },
    });
    multiId = String(multi.body.id);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  }, 60_000);

  it('exports agreements as an iias-get-response with us as the first partner', async () => {
    const { response, text } = await exportXml();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const iias = parseIiasDocument(text);
    expect(iias.map((iia) => iia.partners[0]?.iiaId)).toEqual([ids.exchange, exchangeId]);
    const exchange = iias[1];
    expect(exchange?.partners.map((partner) => [partner.heiId, partner.iiaId])).toEqual([
      ['sjtu.edu.cn', exchangeId],
      ['polytechnique.edu', 'X-SJTU-2025'],
    ]);
    expect(
      exchange?.specs.map((spec) => [
        spec.sendingHeiId,
        spec.firstAcademicYear,
        spec.lastAcademicYear,
        spec.mobilitiesPerYear,
      ]),
    ).toEqual([
      ['sjtu.edu.cn', '2025/2026', '2027/2028', '3'],
      ['polytechnique.edu', '2025/2026', '2027/2028', '2'],
    ]);
    expect(exchange?.specs[0]?.languageSkills).toEqual([{ language: 'fr', cefrLevel: 'B1' }]);
    expect(text).toContain(`${multiId} is not exported: it has 2 partner institutions`);
  });

  it.skipIf(skipSchemaValidation)('exports a document the official v7 schema accepts', async () => {
    const { text } = await exportXml();
    const result = await validateIiasDocument(text);
    expect(result.output).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('filters by ids and by institution', async () => {
    const byId = parseIiasDocument(
      (await exportXml(`?ids=${exchangeId},agr_nothing00000001`)).text,
    );
    expect(byId.map((iia) => iia.partners[0]?.iiaId)).toEqual([exchangeId]);
    expect((await exportXml(`?ids=${exchangeId},agr_nothing00000001`)).text).toContain(
      'agr_nothing00000001 is not exported: it was not found.',
    );
    const byInstitution = parseIiasDocument(
      (await exportXml(`?institution_id=${ids.tuMunich}`)).text,
    );
    expect(byInstitution).toEqual([]);
    const bad = await api.fetch('/v1/ewp/iias?ids=nope', { token: api.tokens.staff });
    await expectProblem(bad, 400, 'validation');
  });

  it('is for staff: a student gets 404, the bot 403', async () => {
    const asStudent = await api.fetch('/v1/ewp/iias', { token: api.tokens.student.token });
    await expectProblem(asStudent, 404, 'not-found');
    await expectProblem(
      await api.fetch('/v1/ewp/iias', { token: api.tokens.service }),
      403,
      'forbidden',
    );
    const response = await api.fetch('/v1/ewp/iias/import', {
      token: api.tokens.student.token,
      body: SAMPLE,
      headers: { 'content-type': 'application/xml' },
    });
    await expectProblem(response, 404, 'not-found');
  });

  it('imports the EWP sample: a dry run first, then for real, then it is already there', async () => {
    const before = await agreementCount();
    const dry = await importXml(SAMPLE, '?dry_run=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      ok: true,
      written: false,
      counts: { agreements: 1, institutions: 0, existing: 0, rejected: 0 },
    });
    expect(dry.body.iias[0]?.outcome).toBe('would_create');
    expect(dry.body.iias[0]?.unmapped.map((issue) => issue.rule)).toContain(
      'ewp.unmapped.language',
    );
    expect(await agreementCount()).toBe(before);

    const real = await importXml(SAMPLE);
    expect(real.status).toBe(201);
    expect(real.body).toMatchObject({ written: true, counts: { agreements: 1 } });
    const agreementId = real.body.iias[0]?.agreementId;
    const stored = await staff(`/v1/agreements/${agreementId}`);
    expect(stored.body).toMatchObject({
      kind: 'student_exchange',
      status: 'signed',
      institutionIds: [ids.polytechnique],
      partnerReference: 'IIA-2025-0042',
      startDate: '2025-09-01',
      endDate: '2029-08-31',
    });
    expect((stored.body.quotas as JsonObject[]).length).toBe(8);
    const audit = await api.json<JsonObject>(
      `/v1/audit?entity=agreement&entity_id=${agreementId}`,
      { token: api.tokens.admin },
    );
    expect((audit.body.data as JsonObject[])[0]).toMatchObject({
      action: 'agreement.create',
      details: { source: 'ewp-import', partnerHeiId: 'polytechnique.edu' },
    });

    const again = await importXml(SAMPLE);
    expect(again.status).toBe(200);
    expect(again.body.counts).toEqual({ agreements: 0, institutions: 0, existing: 1, rejected: 0 });
    expect(again.body.iias[0]).toMatchObject({ outcome: 'exists', agreementId });
  });

  it('writes nothing when one IIA breaks a v7 rule, and says which and where', async () => {
    const before = await agreementCount();
    const response = await api.fetch('/v1/ewp/iias/import', {
      token: api.tokens.staff,
      body: fixture('iia-get-response.invalid-isced.xml'),
      headers: { 'content-type': 'text/xml' },
    });
    const problem = await expectProblem(response, 422, 'rule-violation');
    expect(problem.rule).toBe('ewp.import_rejected');
    const report = (problem.data as unknown as { report: Report }).report;
    expect(report.iias[0]?.problems).toEqual([
      expect.objectContaining({
        rule: 'ewp.isced_code',
        path: 'iia[1]/cooperation-conditions/student-studies-mobility-spec[2]/subject-area[1]/isced-f-code',
      }),
    ]);
    expect(await agreementCount()).toBe(before);
  });

  it('refuses what is not an IIAs v7 document', async () => {
    const json = await api.fetch('/v1/ewp/iias/import', {
      token: api.tokens.staff,
      body: { xml: SAMPLE },
    });
    await expectProblem(json, 415, 'unsupported-media-type');
    const broken = await api.fetch('/v1/ewp/iias/import', {
      token: api.tokens.staff,
      body: SAMPLE.slice(0, 500),
      headers: { 'content-type': 'application/xml' },
    });
    expect((await expectProblem(broken, 400, 'validation')).rule).toBe('ewp.malformed_xml');
    const v6 = await api.fetch('/v1/ewp/iias/import', {
      token: api.tokens.staff,
      body: SAMPLE.replaceAll('stable-v7', 'stable-v6'),
      headers: { 'content-type': 'application/xml' },
    });
    expect((await expectProblem(v6, 400, 'validation')).rule).toBe('ewp.not_iias_v7');
  });

  it('creates an unknown partner as a partner institution when its hei-id tells the country', async () => {
    const lyon = SAMPLE.replaceAll('polytechnique.edu', 'univ-lyon1.fr');
    const imported = await importXml(lyon);
    expect(imported.status).toBe(201);
    expect(imported.body.counts).toMatchObject({ agreements: 1, institutions: 1 });
    const institution = imported.body.iias[0]?.institution;
    expect(institution?.created).toBe(true);
    const stored = await staff(`/v1/institutions/${institution?.id}`);
    expect(stored.body).toMatchObject({ heiId: 'univ-lyon1.fr', country: 'FR', stage: 'partner' });
  });

  it('gives back the same document after our export was deleted and imported again', async () => {
    const first = (await exportXml(`?ids=${exchangeId}`)).text;
    const removed = await api.fetch(`/v1/agreements/${exchangeId}`, {
      method: 'DELETE',
      token: api.tokens.admin,
    });
    expect(removed.status).toBe(204);
    const imported = await importXml(first);
    expect(imported.status).toBe(201);
    expect(imported.body.iias[0]).toMatchObject({ outcome: 'created', agreementId: exchangeId });
    expect(imported.body.iias[0]?.unmapped).toEqual([]);
    const second = (await exportXml(`?ids=${exchangeId}`)).text;
    expect(second).toBe(first);
  });
});
