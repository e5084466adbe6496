/**
 * The year-end page in a real browser: Debian's Chromium, headless, driven by playwright-core,
 * opens the page the Slack bot links to (`…/v1/reports/year-end/2025?format=html`) on the test
 * API with the demo world, checks the figures and the charts a reader sees, prints it to A4, and
 * keeps a screenshot and the PDF in apps/api/test-artifacts/ (git-ignored; CI uploads it).
 *
 * The browser is the system's (/usr/bin/chromium, installed by scripts/setup-system.sh), never
 * a download; the machine has no internet, so background networking, sync and component
 * updates are off, and the test checks that the page asks for nothing but itself.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoData } from '@passerelle/core/demo';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, testClock } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

if (!hasChromium) {
  console.warn(
    `Skipping the year-end browser test: ${CHROMIUM} is missing. Install Debian's chromium package with scripts/setup-system.sh (CI runs it).`,
  );
}

const now = new Date('2026-01-15T02:00:00.000Z');

describe.skipIf(!hasChromium)(
  'the year-end page in headless Chromium (needs /usr/bin/chromium: scripts/setup-system.sh)',
  () => {
    let api: TestApi;
    let context: BrowserContext;
    let userDataDir: string;

    beforeAll(async () => {
      api = await startTestApi({ data: demoData(now), clock: testClock(now) });
      userDataDir = await mkdtemp(join(tmpdir(), 'passerelle-chromium-'));
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
        viewport: { width: 900, height: 1270 },
        locale: 'en-GB',
        extraHTTPHeaders: { Authorization: `Bearer ${api.tokens.staff}` },
      });
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      await api?.close();
      if (userDataDir !== undefined) await rm(userDataDir, { recursive: true, force: true });
    }, 60_000);

    it('shows the 2025 figures and charts, and prints to A4', { timeout: 60_000 }, async () => {
      const page = await context.newPage();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));

      const response = await page.goto(`${api.url}/v1/reports/year-end/2025?format=html`);
      expect(response?.status()).toBe(200);
      expect(requested.every((url) => url.startsWith(`${api.url}/`))).toBe(true);

      await expect(page.title()).resolves.toBe('Year-end review 2025');
      expect(await page.locator('h1').innerText()).toBe('Year-end review 2025');

      // The headline figures, as a dean reads them.
      const tile = (label: string) =>
        page.locator('.highlights li').filter({ has: page.getByText(label, { exact: true }) });
      expect(await tile('New international students').locator('.value').innerText()).toBe('45');
      expect(await tile('New international students').locator('.change').innerText()).toBe(
        '▲ +7 (+18.4%)',
      );
      expect(await tile('Short-term visiting students').locator('.value').innerText()).toBe('370');
      expect(await tile('Visiting scholars and staff').locator('.value').innerText()).toBe('56');
      expect(await tile('Events held').locator('.value').innerText()).toBe('39');

      // Every key figure with its year-on-year change.
      const row = (label: string) =>
        page
          .locator('#key-figures tbody tr')
          .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
      const cells = async (label: string) => row(label).locator('td').allInnerTexts();
      expect(await cells('Short-term visiting students')).toEqual(['370', '320', '▲ +50 (+15.6%)']);
      expect(await cells('Summer school participants')).toEqual(['90', '68', '▲ +22 (+32.4%)']);
      expect(await cells('Inbound delegations')).toEqual(['10', '8', '▲ +2 (+25%)']);
      expect(await cells('Awards')).toEqual(['5', '4', '▲ +1 (+25%)']);
      expect(await page.locator('#key-figures tbody tr').count()).toBe(13);

      // The charts: accessible images with their titles, drawn at a readable size.
      const charts = page.getByRole('img');
      const titles = await charts.evaluateAll((svgs) =>
        svgs.map((svg) => svg.querySelector(':scope > title')?.textContent ?? ''),
      );
      expect(titles).toEqual([
        'New international students by programme',
        'New international students by country',
        'Short-term visiting students by country',
        'Events by kind, with participants',
        'Delegations in 2025 by month of arrival or departure',
        'Institutions by relationship stage',
        'Partner institutions by country',
      ]);
      await expect(
        page.getByRole('img', { name: 'New international students by country' }).isVisible(),
      ).resolves.toBe(true);
      for (const chart of await charts.all()) {
        const box = await chart.boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(250);
        expect(box?.height ?? 0).toBeGreaterThan(60);
      }
      const bar = (chart: string, name: string) =>
        page.locator(`#${chart} rect`).filter({ has: page.locator(`title:text-is("${name}")`) });
      const france = await bar('chart-students-by-country', 'France (2025): 30').boundingBox();
      const germany = await bar('chart-students-by-country', 'Germany (2025): 3').boundingBox();
      expect((france?.width ?? 0) / (germany?.width ?? 1)).toBeCloseTo(10, 0);
      expect(await page.locator('#chart-events-by-kind rect title').count()).toBe(40);
      expect(await bar('chart-delegations-by-month', 'Dec (Outbound): 1').count()).toBe(1);

      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'year-end-2025-en.png'), fullPage: true });

      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      const pages = text.match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages.length).toBeLessThanOrEqual(6);
      // Every page is A4: 595 × 842 points.
      const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
      expect(boxes.length).toBeGreaterThan(0);
      for (const [, width, height] of boxes) {
        expect(Number(width)).toBeCloseTo(595, 0);
        expect(Number(height)).toBeCloseTo(842, 0);
      }
      await writeFile(join(ARTIFACTS, 'year-end-2025-en.pdf'), pdf);
      await page.close();
    });
  },
);
