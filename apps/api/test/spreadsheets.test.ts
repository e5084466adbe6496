/**
 * Spreadsheets over HTTP: export → import round trips for every resource in CSV and XLSX (a
 * dry run changes nothing, a real run applies the one edited cell), a sheet with three bad rows
 * answered with three row/column errors and nothing written, a 1,000-row import, registrations
 * through rule 7, the list filters, the body limits and who may do what.
 */
import { request as httpRequest } from 'node:http';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importScenario, studentSheetOf } from '../src/interchange/sheets';
import { ids, OTHER_PASSPORT_NUMBER, PASSPORT_NUMBER } from './fixtures';
import { expectProblem, type JsonObject, startTestApi, storeKinds, type TestApi } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Format = 'csv' | 'xlsx';
type Grid = string[][];

/** A sheet as a grid of text cells (dates as YYYY-MM-DD), read with the libraries directly. */
async function gridOf(bytes: Uint8Array, format: Format): Promise<Grid> {
  if (format === 'csv') {
    const text = new TextDecoder().decode(bytes).replace(/^\ufeff/, '');
    return parseCsv(text, { relax_column_count: true }) as Grid;
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const grid: Grid = [];
  sheet?.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= (sheet?.columnCount ?? 0); column++) {
      const value = row.getCell(column).value;
      cells.push(
        value instanceof Date
          ? value.toISOString().slice(0, 10)
          : value === null || value === undefined
            ? ''
            : String(value),
      );
    }
    grid.push(cells);
  });
  return grid;
}

/** A grid written back in a format (booleans and numbers stay text: the import reads both). */
async function sheetOf(grid: Grid, format: Format): Promise<Uint8Array<ArrayBuffer>> {
  if (format === 'csv') return new TextEncoder().encode(stringifyCsv(grid));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet');
  for (const row of grid) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Sets one cell, found by the row's id and the column's header. */
function setCell(grid: Grid, id: string, column: string, value: string): void {
  const header = grid[0] ?? [];
  const index = header.indexOf(column);
  const row = grid.find((cells) => cells[0] === id);
  if (index < 0 || row === undefined) throw new Error(`no cell ${id}/${column}`);
  row[index] = value;
}

describe.each(storeKinds)('spreadsheets on %s', (store) => {
  let api: TestApi;
  let eventId = '';
  let registrationId = '';
  const staff = () => api.tokens.staff;

  async function exportSheet(
    resource: string,
    format: Format,
    query = '',
  ): Promise<Uint8Array<ArrayBuffer>> {
    const response = await api.fetch(`/v1/exports/${resource}.${format}${query}`, {
      token: staff(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(format === 'csv' ? 'text/csv' : XLSX);
    expect(response.headers.get('content-disposition')).toContain(`${resource}-`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async function importSheet(
    resource: string,
    bytes: Uint8Array<ArrayBuffer>,
    format: Format,
    dryRun: boolean,
    token = staff(),
  ): Promise<{ status: number; body: JsonObject }> {
    const response = await fetch(`${api.url}/v1/imports/${resource}?dry_run=${dryRun}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': format === 'csv' ? 'text/csv' : XLSX,
      },
      body: bytes,
    });
    return { status: response.status, body: (await response.json()) as JsonObject };
  }

  /** A POST whose answer may come before the body is sent (fetch gives up then). */
  function postRaw(path: string, body: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${api.url}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${staff()}`,
          'content-type': 'text/csv',
          'content-length': Buffer.byteLength(body),
        },
      });
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on('error', (error) => {
        if (
          (error as NodeJS.ErrnoException).code !== 'EPIPE' &&
          (error as NodeJS.ErrnoException).code !== 'ECONNRESET'
        )
          reject(error);
      });
      request.end(body);
    });
  }

  const get = async (path: string) => (await api.json<JsonObject>(path, { token: staff() })).body;

  beforeAll(async () => {
    api = await startTestApi({ store, config: { IMPORT_BODY_LIMIT_BYTES: 2 * 1024 * 1024 } });
    const event = await api.json<JsonObject>('/v1/events', {
      token: staff(),
      body: {
        kind: 'themed_salon',
        title: { en: 'Sino-French salon', zh: '中法沙龙' },
        sessions: [
          {
            start: '2025-12-10T14:00:00+08:00',
            end: '2025-12-10T16:00:00+08:00',
            timeZone: 'Asia/Shanghai',
          },
        ],
        capacity: 2,
        audience: ['public'],
        organiser: 'International Affairs Office',
      },
    });
    expect(event.status).toBe(201);
    eventId = event.body.id as string;
    const registration = await api.json<JsonObject>(`/v1/events/${eventId}/registrations`, {
      token: staff(),
      body: { participant: { kind: 'student', studentId: ids.student } },
    });
    expect(registration.status).toBe(201);
    registrationId = registration.body.id as string;
  });
  afterAll(async () => {
    await api?.close();
  });

  const cases: {
    resource: string;
    id: () => string;
    column: string;
    field: string;
    value: string;
  }[] = [
    { resource: 'students', id: () => ids.third, column: 'buddy', field: 'buddy', value: 'Li Na' },
    {
      resource: 'institutions',
      id: () => ids.tuMunich,
      column: 'city',
      field: 'city',
      value: 'Garching',
    },
    {
      resource: 'agreements',
      id: () => ids.exchange,
      column: 'notes',
      field: 'notes',
      value: 'Renewal: December',
    },
  ];

  describe.each(['csv', 'xlsx'] as const)('in %s', (format) => {
    it.each(cases)(
      'round-trips $resource: the same sheet changes nothing, one edited cell updates one record',
      async ({ resource, id, column, field, value }) => {
        const exported = await exportSheet(resource, format);
        const grid = await gridOf(exported, format);
        expect(grid[0]?.[0]).toBe('id');
        const rows = grid.length - 1;
        expect(rows).toBeGreaterThan(0);

        const same = await importSheet(resource, exported, format, false);
        expect(same.status).toBe(200);
        expect(same.body).toMatchObject({
          ok: true,
          dryRun: false,
          rows,
          created: 0,
          updated: 0,
          unchanged: rows,
          errors: [],
        });

        const before = await get(`/v1/${resource}/${id()}`);
        setCell(grid, id(), column, `${value} (${format})`);
        const edited = await sheetOf(grid, format);
        const dry = await importSheet(resource, edited, format, true);
        expect(dry.body).toMatchObject({
          ok: true,
          dryRun: true,
          updated: 1,
          unchanged: rows - 1,
          importId: null,
        });
        expect((await get(`/v1/${resource}/${id()}`)).version).toBe(before.version);

        const real = await importSheet(resource, edited, format, false);
        expect(real.body).toMatchObject({
          ok: true,
          dryRun: false,
          updated: 1,
          unchanged: rows - 1,
        });
        const after = await get(`/v1/${resource}/${id()}`);
        expect(after[field]).toBe(`${value} (${format})`);
        expect(after.version).toBe((before.version as number) + 1);

        // The sheet is now stale for that record: its version cell is refused.
        const stale = await importSheet(resource, edited, format, false);
        expect(stale.status).toBe(422);
        expect(stale.body.errors).toEqual([
          expect.objectContaining({
            row: expect.any(Number),
            column: 'version',
            message: expect.stringContaining('has changed since'),
          }),
        ]);
      },
    );

    it('round-trips registrations: attendance set in the sheet is recorded', async () => {
      const exported = await exportSheet('registrations', format, `?event_id=${eventId}`);
      const grid = await gridOf(exported, format);
      expect(grid).toHaveLength(2);
      expect(grid[1]?.[grid[0]?.indexOf('participant_name') ?? -1]).toBe('Camille Martin');
      const same = await importSheet('registrations', exported, format, true);
      expect(same.body).toMatchObject({ ok: true, unchanged: 1, updated: 0, created: 0 });
      setCell(grid, registrationId, 'status', format === 'csv' ? 'attended' : 'no_show');
      const real = await importSheet('registrations', await sheetOf(grid, format), format, false);
      expect(real.body).toMatchObject({ ok: true, updated: 1 });
      const page = await api.json<{ data: JsonObject[] }>(`/v1/events/${eventId}/registrations`, {
        token: staff(),
      });
      expect(page.body.data[0]?.status).toBe(format === 'csv' ? 'attended' : 'no_show');
    });
  });

  it('never exports document numbers, and an import keeps them', async () => {
    const bytes = await exportSheet('students', 'csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).not.toContain(PASSPORT_NUMBER);
    expect(csv).not.toContain(OTHER_PASSPORT_NUMBER);
    expect(csv).not.toContain('R0001112');
    expect(csv).not.toMatch(/passport_number|permit_number/);
    expect(csv.startsWith('id,full_name,')).toBe(true);
    const grid = await gridOf(new TextEncoder().encode(csv), 'csv');
    setCell(grid, ids.student, 'preferred_name', 'Cami');
    const result = await importSheet('students', await sheetOf(grid, 'csv'), 'csv', false);
    expect(result.body).toMatchObject({ ok: true, updated: 1 });
    const camille = await get(`/v1/students/${ids.student}`);
    expect(camille.preferredName).toBe('Cami');
    expect(camille.documents).toMatchObject({
      passportNumber: PASSPORT_NUMBER,
      permit: { type: 'residence_permit', number: 'R0001112', expiry: '2026-08-31' },
    });
  });

  it('follows the list filters', async () => {
    const french = await gridOf(
      await exportSheet('students', 'csv', '?nationality=FR&sort=name'),
      'csv',
    );
    const nationality = french[0]?.indexOf('nationality') ?? -1;
    expect(french.slice(1).map((row) => [row[1], row[nationality]])).toEqual([
      ['Camille Martin', 'FR'],
    ]);
    const chinese = await gridOf(await exportSheet('students', 'xlsx', '?nationality=CN'), 'xlsx');
    expect(chinese.slice(1).map((row) => row[0])).toEqual([ids.third]);
    const partners = await gridOf(
      await exportSheet('institutions', 'xlsx', '?stage=partner&country=DE'),
      'xlsx',
    );
    expect(partners.slice(1).map((row) => row[0])).toEqual([ids.tuMunich]);
    const active = await gridOf(
      await exportSheet('agreements', 'csv', '?effective_status=active'),
      'csv',
    );
    expect(active.slice(1).map((row) => row[0])).toEqual([ids.exchange]);
    const none = await gridOf(await exportSheet('agreements', 'csv', '?kind=dual_degree'), 'csv');
    expect(none).toHaveLength(1);
    await expectProblem(
      await api.fetch('/v1/exports/students.csv?nationality=France', { token: staff() }),
      400,
      'validation',
    );
  });

  it('answers three bad rows with three row/column errors, by the sheet’s own headers, and writes nothing', async () => {
    const before = await gridOf(await exportSheet('students', 'csv'), 'csv');
    const sheet = [
      'Full Name,E-mail,Nationality,Programme Kind,programmeStart,Programme-End,Home Institution ID,Remarks',
      'Ana Souza,ana@example.org,BR,exchange,2026-02-01,2026-07-01,,fine',
      'Bad Email,not-an-email,FR,degree,2026-02-01,2026-07-01,,',
      ',,,,,,,',
      'Bad Country,bc@example.org,XX,degree,2026-02-01,2026-07-01,,',
      'Bad Home,bh@example.org,DE,exchange,2026-02-01,2026-07-01,ins_nothere00000001,',
      'Ok Two,ok2@example.org,IT,intern,2026-03-01,2026-08-31,,',
    ].join('\r\n');
    const result = await importSheet('students', new TextEncoder().encode(sheet), 'csv', false);
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({
      type: 'urn:passerelle:problem:import-rejected',
      status: 422,
      ok: false,
      created: 0,
      rows: 5,
      ignoredColumns: ['Remarks'],
    });
    const errors = result.body.errors as JsonObject[];
    expect(errors.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 3, column: 'E-mail' },
      { row: 5, column: 'Nationality' },
      { row: 6, column: 'Home Institution ID' },
    ]);
    expect(errors[0]?.message).toBe('must be an email address');
    expect(errors[2]?.message).toBe('there is no institution ins_nothere00000001');
    expect(errors[0]?.path).toBe('row.3.E-mail');
    const after = await gridOf(await exportSheet('students', 'csv'), 'csv');
    expect(after).toHaveLength(before.length);

    // A sheet that creates students without a needed column is told so at its header row.
    const missing = await importSheet(
      'students',
      new TextEncoder().encode('full_name,email\nA,a@example.org\n'),
      'csv',
      true,
    );
    expect(missing.status).toBe(422);
    expect((missing.body.errors as JsonObject[]).map((error) => error.column)).toEqual([
      'nationality',
      'programme_kind',
      'programme_start',
      'programme_end',
    ]);
    expect((missing.body.errors as JsonObject[])[0]?.row).toBe(1);
  });

  it('imports 1,000 new students in one go (CSV), and checks 1,000 in XLSX as a dry run', async () => {
    const csv = await studentSheetOf(1000, 'csv', 100);
    const result = await importSheet('students', csv, 'csv', false);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: true, rows: 1000, created: 1000, errors: [] });
    const grid = await gridOf(await exportSheet('students', 'csv', '?q=student1099'), 'csv');
    const email = grid[0]?.indexOf('email') ?? -1;
    expect(grid.slice(1).map((row) => row[email])).toEqual(['student1099@example.org']);
    const audit = await api.json<{ data: JsonObject[] }>(
      `/v1/audit?entity=import&entity_id=${result.body.importId as string}`,
      { token: api.tokens.admin },
    );
    expect(audit.body.data[0]).toMatchObject({ action: 'import.students' });

    const xlsx = await studentSheetOf(1000, 'xlsx', 5000);
    const dry = await importSheet('students', xlsx, 'xlsx', true);
    expect(dry.body).toMatchObject({ ok: true, dryRun: true, created: 1000 });
  });

  it('registers the participants of a sheet through rule 7: capacity, waitlist, refusals', async () => {
    const event = await api.json<JsonObject>('/v1/events', {
      token: staff(),
      body: {
        kind: 'sports',
        title: { en: 'Football' },
        sessions: [
          {
            start: '2025-12-20T14:00:00+08:00',
            end: '2025-12-20T16:00:00+08:00',
            timeZone: 'Asia/Shanghai',
          },
        ],
        capacity: 2,
        audience: ['public'],
        organiser: 'Sports office',
      },
    });
    const football = event.body.id as string;
    const rows = [
      'event_id,student_id,staff_id,guest_name,guest_email',
      `${football},${ids.other},,,`,
      `${football},,${ids.staff},,`,
      `${football},,,Jeanne Dupont,jeanne@example.org`,
    ];
    const bad = await importSheet(
      'registrations',
      new TextEncoder().encode(
        [...rows, `${football},stu_nothere0000001,,,`, `${football},${ids.other},,,`].join('\n'),
      ),
      'csv',
      false,
    );
    expect(bad.status).toBe(422);
    expect((bad.body.errors as JsonObject[]).map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 5, column: 'student_id' },
      { row: 6, column: 'participant_kind' },
    ]);
    const good = await importSheet(
      'registrations',
      new TextEncoder().encode(rows.join('\n')),
      'csv',
      false,
    );
    expect(good.body).toMatchObject({ ok: true, created: 3 });
    const page = await api.json<{ data: JsonObject[] }>(`/v1/events/${football}/registrations`, {
      token: staff(),
    });
    expect(page.body.data.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted']);
    expect(page.body.data.map((r) => r.sequence)).toEqual([1, 2, 3]);
  });

  it('cancels through a sheet (the first waiting takes the seat) and refuses other moves', async () => {
    const exported = await exportSheet('registrations', 'csv', '?sort=sequence&status=registered');
    const grid = await gridOf(exported, 'csv');
    const football = grid.slice(1).find((row) => row[2] === 'Football');
    expect(football).toBeDefined();
    const footballId = football?.[1] ?? '';
    const all = await gridOf(
      await exportSheet('registrations', 'csv', `?event_id=${footballId}&sort=sequence`),
      'csv',
    );
    const [header = [], first = [], second = [], third = []] = all;
    const status = header.indexOf('status');
    expect([first[status], second[status], third[status]]).toEqual([
      'registered',
      'registered',
      'waitlisted',
    ]);
    expect(third[header.indexOf('participant_name')]).toBe('Jeanne Dupont');

    const wrong = all.map((row) => [...row]);
    (wrong[3] as string[])[status] = 'attended';
    (wrong[2] as string[])[status] = 'waitlisted';
    (wrong[1] as string[])[0] = 'reg_nothere0000000001';
    const refused = await importSheet('registrations', await sheetOf(wrong, 'csv'), 'csv', false);
    expect(refused.status).toBe(422);
    expect(
      (refused.body.errors as JsonObject[]).map(({ row, column }) => ({ row, column })),
    ).toEqual([
      { row: 2, column: 'id' },
      { row: 3, column: 'status' },
      { row: 4, column: 'status' },
    ]);

    (first as string[])[status] = 'cancelled';
    const cancelled = await importSheet('registrations', await sheetOf(all, 'csv'), 'csv', false);
    expect(cancelled.body.errors).toEqual([]);
    expect(cancelled.body).toMatchObject({ ok: true, updated: 2, unchanged: 1 });
    const after = await gridOf(
      await exportSheet('registrations', 'csv', `?event_id=${footballId}&sort=sequence`),
      'csv',
    );
    expect(after.slice(1).map((row) => row[status])).toEqual([
      'cancelled',
      'registered',
      'registered',
    ]);
    const audit = await api.json<{ data: JsonObject[] }>(
      `/v1/audit?entity=registration&entity_id=${third[0] ?? ''}`,
      { token: api.tokens.admin },
    );
    expect(audit.body.data.map((entry) => entry.action)).toContain('registration.promote');
  });

  it('creates agreements and institutions with lists, quotas and contacts, and checks stage moves', async () => {
    const agreementsCsv = [
      'title_en;title_zh;kind;institution_ids;start_date;end_date;quotas;notes',
      `Dual degree with TUM;与慕尼黑工业大学双学位;dual_degree;"${ids.tuMunich}; ${ids.polytechnique}";2026-09-01;2031-08-31;"2026-2027 inbound 3 months=30 levels=master
2026-2027 outbound 2 areas=0710,0610";'=1+1 is text`,
    ].join('\r\n');
    const created = await importSheet(
      'agreements',
      new TextEncoder().encode(`\ufeff${agreementsCsv}`),
      'csv',
      false,
    );
    expect(created.body.errors).toEqual([]);
    expect(created.body).toMatchObject({ ok: true, created: 1 });
    const all = await gridOf(await exportSheet('agreements', 'csv', '?kind=dual_degree'), 'csv');
    const header = all[0] ?? [];
    const row = all[1] ?? [];
    expect(row[header.indexOf('title_zh')]).toBe('与慕尼黑工业大学双学位');
    expect(row[header.indexOf('institution_ids')]).toBe(`${ids.tuMunich}; ${ids.polytechnique}`);
    expect(row[header.indexOf('quotas')]).toBe(
      '2026-2027 inbound 3 months=30 levels=master\n2026-2027 outbound 2 areas=0710,0610',
    );
    // A cell that looks like a formula is written with a leading apostrophe, and read back without it.
    expect(row[header.indexOf('notes')]).toBe("'=1+1 is text");
    const record = await get(`/v1/agreements/${row[0] ?? ''}`);
    expect(record.notes).toBe('=1+1 is text');
    expect(record.quotas).toEqual([
      {
        academicYear: '2026-2027',
        direction: 'inbound',
        students: 3,
        months: 30,
        levels: ['master'],
        subjectAreas: [],
      },
      {
        academicYear: '2026-2027',
        direction: 'outbound',
        students: 2,
        levels: [],
        subjectAreas: ['0710', '0610'],
      },
    ]);
    const badQuota = await importSheet(
      'agreements',
      new TextEncoder().encode(`id,quotas\n${row[0] ?? ''},2026 sideways x\n`),
      'csv',
      true,
    );
    const quotaErrors = badQuota.body.errors as JsonObject[];
    expect(quotaErrors.length).toBeGreaterThanOrEqual(3);
    for (const error of quotaErrors) {
      expect(error).toMatchObject({
        row: 2,
        column: 'quotas',
        message: expect.stringMatching(/^item 1: /),
      });
    }

    const institutions = [
      'Name (EN),name_fr,Short Name,Aliases,Country,City,Kind,Stage,Strategic,Contacts,Tags',
      'EIVP,École des ingénieurs de la Ville de Paris,EIVP,Ville de Paris; Ingénieurs,fr,Paris,grande_ecole,contacted,non,"Marie Curie | Dean | marie@example.org\nPaul | | | +33 1 23 45 67 89",urban; engineering',
    ].join('\n');
    const made = await importSheet(
      'institutions',
      new TextEncoder().encode(institutions),
      'csv',
      false,
    );
    expect(made.body).toMatchObject({ ok: true, created: 1, ignoredColumns: [] });
    const eivp = await gridOf(await exportSheet('institutions', 'csv', '?q=eivp'), 'csv');
    const eivpId = eivp[1]?.[0] ?? '';
    const stored = await get(`/v1/institutions/${eivpId}`);
    expect(stored).toMatchObject({
      country: 'FR',
      strategic: false,
      aliases: ['Ville de Paris', 'Ingénieurs'],
      tags: ['urban', 'engineering'],
      contacts: [
        { name: 'Marie Curie', role: 'Dean', email: 'marie@example.org' },
        { name: 'Paul', phone: '+33 1 23 45 67 89' },
      ],
    });
    const leap = await importSheet(
      'institutions',
      new TextEncoder().encode(`id,stage\n${eivpId},partner\n`),
      'csv',
      false,
    );
    expect(leap.status).toBe(422);
    expect((leap.body.errors as JsonObject[])[0]).toMatchObject({ row: 2, column: 'stage' });
    const step = await importSheet(
      'institutions',
      new TextEncoder().encode(`id,stage\n${eivpId},negotiating\n`),
      'csv',
      false,
    );
    expect(step.body).toMatchObject({ ok: true, updated: 1 });
    const moved = await get(`/v1/institutions/${eivpId}`);
    expect(moved.stageHistory).toEqual([{ stage: 'negotiating', on: '2025-11-20' }]);
  });

  it('runs the benchmark scenario (a sheet of new students, imported without HTTP)', async () => {
    const result = await importScenario({
      db: api.store.db,
      rows: 20,
      format: 'xlsx',
      now: api.clock.now(),
    });
    expect(result.report).toMatchObject({ ok: true, created: 20, rows: 20 });
    expect(result.bytes).toBeGreaterThan(0);
    const dry = await importScenario({ db: api.store.db, rows: 20, format: 'csv', dryRun: true });
    expect(dry.report).toMatchObject({ ok: true, dryRun: true, created: 20, importId: null });
  });

  it('takes a multipart upload and a body over 1 MiB, refuses other bodies, and is for staff only', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([await studentSheetOf(3, 'xlsx', 9000)], { type: XLSX }),
      'students.xlsx',
    );
    const multipart = await fetch(`${api.url}/v1/imports/students?dry_run=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff()}` },
      body: form,
    });
    expect(multipart.status).toBe(200);
    expect(await multipart.json()).toMatchObject({ ok: true, format: 'xlsx', created: 3 });

    // 1.5 MiB: over the API's 1 MiB, under this test's import limit of 2 MiB.
    const padding = 'x'.repeat(150_000);
    const big = [
      'full_name,email,nationality,programme_kind,programme_start,programme_end,comment',
    ];
    for (let n = 0; n < 10; n++)
      big.push(`P ${n},p${n}@example.org,FR,degree,2026-09-01,2027-06-30,${padding}`);
    const large = await importSheet(
      'students',
      new TextEncoder().encode(big.join('\n')),
      'csv',
      true,
    );
    expect(large.body).toMatchObject({ ok: true, created: 10, ignoredColumns: ['comment'] });
    const tooLarge = await postRaw('/v1/imports/students', 'x'.repeat(3 * 1024 * 1024));
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({
      type: 'urn:passerelle:problem:payload-too-large',
    });

    await expectProblem(
      await api.fetch('/v1/imports/students', { token: staff(), body: { rows: [] } }),
      415,
      'unsupported-media-type',
    );
    const student = api.tokens.student.token;
    await expectProblem(
      await api.fetch('/v1/exports/students.csv', { token: student }),
      404,
      'not-found',
    );
    const refused = await fetch(`${api.url}/v1/imports/institutions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${student}`, 'content-type': 'text/csv' },
      body: 'id\n',
    });
    await expectProblem(refused, 404, 'not-found');
    await expectProblem(
      await api.fetch('/v1/exports/agreements.xlsx', { token: api.tokens.service }),
      403,
      'forbidden',
    );
    const unreadable = await fetch(`${api.url}/v1/imports/students`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff()}`, 'content-type': XLSX },
      body: 'not a workbook',
    });
    await expectProblem(unreadable, 400, 'validation');
  });
});
