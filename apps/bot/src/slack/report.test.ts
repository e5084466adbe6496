/**
 * `/passerelle report 2025` end to end: a signed slash command to Bolt's receiver, the review
 * read from the real API acting for the Slack user, the summary posted to the response URL with
 * a signed link to the full report that a browser opens without a token.
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
    expect(reportUrl(`${publicUrl}/`, '/v1/reports/year-end/2025/signed?lang=fr')).toBe(
      `${publicUrl}/v1/reports/year-end/2025/signed?lang=fr`,
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

  it('posts the key figures with their change and a link that opens without a token', async () => {
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
    expect(String(response?.args.text)).toMatch(/[▲▼=]/);

    // The link: under the public URL, signed for 2025 in HTML and English.
    const link = /<([^|>]+)\|Full report>/.exec(blocks.replaceAll('\\u0026', '&'))?.[1];
    expect(link).toMatch(
      /^https:\/\/passerelle\.example\.edu\/v1\/reports\/year-end\/2025\/signed\?format=html&lang=en&expires=\d+&signature=[\w-]{43}$/,
    );
    // Fetched from the API (the public URL stands for it), with no token at all.
    const opened = await fetch(`${world.url}${(link ?? '').slice(publicUrl.length)}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await opened.text()).toContain('2025');
    // The same link for another year is refused.
    const altered = (link ?? '').slice(publicUrl.length).replace('/2025/', '/2024/');
    expect((await fetch(`${world.url}${altered}`)).status).toBe(403);
  });

  it('links the report in the language of the command', async () => {
    await send.form(
      commandFields('rapport 2025', {
        user_id: 'U-REPORT-STAFF',
        response_url: fake.responseUrl('fr'),
      }),
    );
    const [response] = fake.callsOf('response_url');
    const blocks = JSON.stringify(response?.args.blocks);
    expect(blocks).toContain('Bilan annuel 2025');
    expect(blocks).toMatch(/\/v1\/reports\/year-end\/2025\/signed\?format=html&lang=fr&/);
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
