/**
 * What `npm start` relies on: the first start loads the demo data set and writes the demo
 * tokens; a restart on the same data directory keeps the data and the tokens.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/db/store';
import { isFirstStart, loadDemoModule, setUpDemo, writeDemoTokens } from '../src/demo';
import { createLogger } from '../src/logger';
import { storeRecordProblems } from '../src/repositories/all';
import { type JsonObject, startTestApi, statisticsOf, temporaryDir } from './helpers';

describe('persistence across a restart (PGlite)', () => {
  it('keeps records and tokens when the same data directory is opened again', async () => {
    const dataDir = await temporaryDir('passerelle-restart-');
    const first = await startTestApi({ dataDir });
    const created = await first.json<JsonObject>('/v1/institutions', {
      token: first.tokens.staff,
      body: {
        name: { en: 'Universidade de Lisboa' },
        country: 'PT',
        city: 'Lisbon',
        kind: 'university',
      },
    });
    expect(created.status).toBe(201);
    const tokens = first.tokens;
    await first.close();

    const second = await startTestApi({ dataDir, seed: false });
    const again = await second.json<JsonObject>(`/v1/institutions/${created.body.id}`, {
      token: tokens.staff,
    });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);
    const audit = await second.json<{ data: JsonObject[] }>(
      `/v1/audit?entity_id=${created.body.id}`,
      {
        token: tokens.admin,
      },
    );
    expect(audit.body.data.map((entry) => entry.action)).toEqual(['institution.create']);
    await second.close();
  });

  it('sets up the demo once: demo data, four tokens, demo-tokens.json in the fixed shape', async () => {
    const dataDir = await temporaryDir('passerelle-demo-');
    const logger = createLogger({ LOG_LEVEL: 'silent' });
    const store = await openStore({ dataDir });
    await store.migrate();
    expect(await isFirstStart(store.db)).toBe(true);
    const tokens = await setUpDemo(store.db, { now: new Date(), withData: true, logger });
    await writeDemoTokens(dataDir, tokens);
    expect(await isFirstStart(store.db)).toBe(false);
    // The demo data set is stored as the API writes records (they are read back unchecked).
    expect(await storeRecordProblems(store.db)).toEqual([]);
    // PGlite gathers no planner statistics by itself: the demo load leaves them (db/statistics.ts).
    expect(await statisticsOf(store.db, 'students')).toContain('programme_start');
    expect(await statisticsOf(store.db, 'registrations')).toContain('event_id');
    await store.close();

    const written = JSON.parse(
      await readFile(join(dataDir, 'demo-tokens.json'), 'utf8'),
    ) as JsonObject;
    expect(Object.keys(written).sort()).toEqual(['admin', 'service', 'staff', 'student']);
    for (const key of ['admin', 'staff', 'service'] as const) expect(written[key]).toMatch(/^psl_/);
    expect(written.student).toEqual({
      token: expect.stringMatching(/^psl_/),
      studentId: expect.stringMatching(/^stu_/),
    });

    const api = await startTestApi({ dataDir, seed: false });
    const student = written.student as JsonObject;
    const own = await api.json<{ data: JsonObject[] }>('/v1/students', {
      token: student.token as string,
    });
    expect(own.body.data.map((item) => item.id)).toEqual([student.studentId]);
    const demo = await loadDemoModule();
    if (demo !== undefined) {
      const staffList = await api.json<{ data: JsonObject[] }>('/v1/students?limit=5', {
        token: written.staff as string,
      });
      expect(staffList.body.data).toHaveLength(5);
      // The bot can act for the demo student through the pre-bound WeChat identity.
      const acting = await api.json<{ data: JsonObject[] }>('/v1/students', {
        token: written.service as string,
        headers: { 'passerelle-act-as': 'channel:wechat:demo-student' },
      });
      expect(acting.body.data.map((item) => item.id)).toEqual([student.studentId]);
    }
    await api.close();
  });
});
