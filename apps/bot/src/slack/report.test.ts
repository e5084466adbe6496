/**
 * `/passerelle report 2025` end to end: a signed slash command to Bolt's receiver, the review
 * read from the real API acting for the Slack user, the summary posted to the response URL.
 */
import { DEMO_IDS } from '@passerelle/core/demo';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiAvailable, type BotTestWorld, startBotTestApi } from '../engine/test-api';
import { createMemoryState } from '../state/memory';
import { createSlackApp, type SlackApp } from './app';
import { type FakeSlack, type SlackSender, slackSender, startFakeSlack } from './fake-slack';
import { figureText, parseReportCommand, reportUrl } from './report';
import { commandFields, recordingLogger, scriptedEngine } from './test-support';

const signingSecret = 'report-signing-secret';
const publicUrl = 'https://passerelle.example.edu';

describe('the report command’s parts', () => {
  it('reads the year and the language of the word', () => {
    expect(parseReportCommand('report 2025', 2026)).toEqual({ year: 2025, language: 'en' });
    expect(parseReportCommand('Rapport 2024', 2026)).toEqual({ year: 2024, language: 'fr' });
    expect(parseReportCommand('报告', 2026)).toEqual({ year: 2025, language: 'zh' });
    expect(parseReportCommand('report on France', 2026)).toBeUndefined();
    expect(parseReportCommand('how many students', 2026)).toBeUndefined();
  });

  it('shows a change with an arrow', () => {
    expect(figureText({ value: 12, previous: 9, change: 3, changePercent: 33.3 })).toBe(
      '12 ▲ +3 (+33.3%)',
    );
    expect(figureText({ value: 4, previous: 5, change: -1, changePercent: -20 })).toBe(
      '4 ▼ −1 (−20%)',
    );
    expect(figureText({ value: 2, previous: 0, change: 2, changePercent: null })).toBe('2 ▲ +2');
    expect(figureText({ value: 7, previous: 7, change: 0, changePercent: 0 })).toBe('7 = 0');
    expect(reportUrl(`${publicUrl}/`, 2025, 'fr')).toBe(
      `${publicUrl}/v1/reports/year-end/2025?format=html&lang=fr`,
    );
  });
});

describe.skipIf(!apiAvailable)('/passerelle report over signed HTTP', () => {
  let world: BotTestWorld;
  let fake: FakeSlack;
  let slack: SlackApp;
  let send: SlackSender;

  beforeAll(async () => {
    world = await startBotTestApi();
    await world.bind('slack', 'U-REPORT-STAFF', { staffId: DEMO_IDS.staff });
    await world.bind('slack', 'U-REPORT-STUDENT', { studentId: DEMO_IDS.student });
    fake = await startFakeSlack();
    const state = createMemoryState();
    slack = createSlackApp({
      engine: scriptedEngine(state),
      state,
      signingSecret,
      botToken: 'xoxb-report',
      slackApiUrl: fake.apiUrl,
      handoffChannel: 'CSTAFF',
      processBeforeResponse: true,
      logger: recordingLogger(),
      passerelle: world.service,
      publicUrl,
    });
    const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
    send = slackSender(`http://127.0.0.1:${port}/slack/events`, signingSecret);
  }, 120_000);

  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
    await world?.close();
  }, 60_000);

  beforeEach(() => {
    fake.calls.length = 0;
  });

  it('posts the key figures with their change and a link to the full report', async () => {
    const expected = await world.staff.reports.yearEnd(2025);
    const res = await send.form(
      commandFields('report 2025', {
        user_id: 'U-REPORT-STAFF',
        response_url: fake.responseUrl('report'),
      }),
    );
    expect(res.status).toBe(200);
    const [response] = fake.callsOf('response_url');
    expect(response?.args.response_type).toBe('in_channel');
    const blocks = JSON.stringify(response?.args.blocks);
    expect(blocks).toContain('Year-end review 2025 (vs 2024)');
    expect(blocks).toContain(
      `*New international students*\\n${figureText(expected.internationalStudents.total)}`,
    );
    expect(blocks).toContain(`${publicUrl}/v1/reports/year-end/2025?format=html&lang=en`);
    expect(String(response?.args.text)).toMatch(/[▲▼=]/);
  });

  it('refuses a student, saying nothing of the figures', async () => {
    const res = await send.form(
      commandFields('rapport 2025', {
        user_id: 'U-REPORT-STUDENT',
        response_url: fake.responseUrl('student'),
      }),
    );
    expect(res.status).toBe(200);
    const [response] = fake.callsOf('response_url');
    expect(response?.args.response_type).toBe('ephemeral');
    expect(response?.args.text).toBe('Seul le personnel peut consulter le bilan annuel.');
  });

  it('refuses a bad signature', async () => {
    const res = await send.form(commandFields('report 2025'), { secret: 'wrong' });
    expect(res.status).toBe(401);
    expect(fake.calls).toEqual([]);
  });
});
