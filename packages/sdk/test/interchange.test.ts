/**
 * The SDK's file-shaped calls against the real API (apps/api in this process, PGlite in a temp
 * directory): calendar feeds, spreadsheet export and import, EWP IIAs, backups, the year-end
 * document and its signed link; and the fields the API adds to records (effectiveStatus, the
 * registration summary, search match and coverage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  delegationFeedUrl,
  NotFoundError,
  Passerelle,
  SheetImportRejectedError,
  ValidationError,
} from '../src/index';
import { apiAvailable, startRealApi, type TestApi } from './real-api';

describe.skipIf(!apiAvailable)('files and links through the SDK, against the real API', () => {
  let api: TestApi;
  let staff: Passerelle;
  let admin: Passerelle;
  let student: Passerelle;

  beforeAll(async () => {
    api = await startRealApi();
    const options = { baseUrl: api.url, validateResponses: true };
    staff = new Passerelle({ ...options, token: api.tokens.staff });
    admin = new Passerelle({ ...options, token: api.tokens.admin });
    student = new Passerelle({ ...options, token: api.tokens.student.token });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('reads iCalendar feeds and makes, lists and revokes a feed token', async () => {
    const calendar = await student.calendars.events({ lang: 'fr' });
    expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n/);

    const feed = await staff.calendars.createFeed({ name: 'Phone', registeredOnly: false });
    expect(feed.url).toMatch(/\/v1\/calendars\/feeds\/pcal_[\w-]{43}\/events\.ics$/);
    expect(feed.webcalUrl.startsWith('webcal:')).toBe(true);
    const opened = await fetch(feed.url);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('BEGIN:VCALENDAR');
    expect(delegationFeedUrl(feed, 'del_x')).toMatch(/\/delegations\/del_x\.ics$/);

    const feeds = await staff.calendars.listFeeds();
    expect(feeds.map((item) => item.id)).toContain(feed.id);
    await staff.calendars.revokeFeed(feed.id);
    expect((await fetch(feed.url)).status).toBe(404);
    await expect(staff.calendars.revokeFeed('cal_01JD0000000000000000000000')).rejects.toThrow(
      NotFoundError,
    );
  });

  it('exports a filtered sheet as bytes and imports it back (dry run, then a bad row)', async () => {
    const csv = await staff.spreadsheets.exportSheet('institutions', 'csv', { country: 'FR' });
    expect(csv).toBeInstanceOf(Uint8Array);
    const text = new TextDecoder().decode(csv);
    const [header, ...rows] = text.trim().split('\r\n');
    expect(header).toMatch(/^id,/);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.includes(',FR,'))).toBe(true);

    const xlsx = await staff.spreadsheets.exportSheet('institutions', 'xlsx');
    expect([...xlsx.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    const report = await staff.spreadsheets.importSheet('institutions', csv, { dryRun: true });
    expect(report).toMatchObject({ ok: true, dryRun: true, resource: 'institutions' });
    expect(report.rows).toBe(rows.length);
    const fromXlsx = await staff.spreadsheets.importSheet('institutions', xlsx, { dryRun: true });
    expect(fromXlsx.format).toBe('xlsx');

    const bad = `${header}\r\n${rows[0]?.replace(',FR,', ',ZZZ,')}\r\n`;
    const refused = await staff.spreadsheets
      .importSheet('institutions', bad)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SheetImportRejectedError);
    const rejection = refused as SheetImportRejectedError;
    expect(rejection.status).toBe(422);
    expect(rejection.report.ok).toBe(false);
    expect(rejection.report.errors[0]?.row).toBe(2);
  });

  it('exports EWP IIAs as XML and dry-runs their import', async () => {
    const xml = await staff.ewp.exportIias();
    expect(xml).toContain('<iias-get-response');
    const report = await staff.ewp.importIias(xml, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.written).toBe(false);
    expect(report.ok).toBe(true);
    expect(report.iias.length).toBe(xml.match(/<iia>/g)?.length ?? 0);
    await expect(staff.ewp.importIias('<not-iias/>', { dryRun: true })).rejects.toThrow(
      ValidationError,
    );
  });

  it('downloads a backup as gzip bytes, which a non-empty store refuses to restore', async () => {
    const backup = await admin.admin.backup();
    expect([...backup.slice(0, 2)]).toEqual([0x1f, 0x8b]);
    // The file is read whole and checked first; only then is the store found not empty (409).
    await expect(admin.admin.restore(backup)).rejects.toThrow(ConflictError);
    await expect(staff.admin.backup()).rejects.toMatchObject({ status: 403 });
  });

  it('reads the year-end document and gets a signed link that opens without a token', async () => {
    const markdown = await staff.reports.yearEndDocument(2025, { format: 'markdown', lang: 'zh' });
    expect(markdown.startsWith('#')).toBe(true);
    const html = await staff.reports.yearEndDocument(2025, { format: 'html' });
    expect(html).toContain('<html');

    const link = await staff.reports.yearEndLink(2025, { language: 'fr', expiresInMinutes: 60 });
    expect(link).toMatchObject({ year: 2025, format: 'html', language: 'fr' });
    const page = await fetch(link.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-language')).toBe('fr');
    await expect(student.reports.yearEndLink(2025)).rejects.toThrow(NotFoundError);
    await expect(staff.reports.yearEndLink(2025, { expiresInMinutes: 100_000 })).rejects.toThrow(
      ValidationError,
    );
  });

  it('types what the API adds to records', async () => {
    const first = await staff.agreements.list({ limit: 1 });
    const agreement = first.data[0];
    expect(agreement?.effectiveStatus).toMatch(
      /^(draft|negotiating|signed|active|expired|terminated)$/,
    );

    const events = await student.events.list({ limit: 1 });
    const event = events.data[0];
    if (event !== undefined) {
      const again = await student.events.get(event.id);
      expect(again.registration.registered).toBeGreaterThanOrEqual(0);
      expect(again.registration).toHaveProperty('mine');
    }

    const hits = await student.knowledge.search({ q: 'bank account', lang: 'en' });
    for (const hit of hits) {
      expect(['strong', 'weak']).toContain(hit.match);
      expect(hit.coverage).toBeGreaterThanOrEqual(0);
      expect(hit.language).toMatch(/^(en|zh|fr)$/);
    }
  });
});
