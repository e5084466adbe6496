/**
 * End to end: the real embedded engine and the real in-memory state, against the real API over
 * HTTP (PGlite), behind Bolt's HTTP receiver; Slack's Web API is a local recording server.
 */
import { Article } from '@passerelle/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, ids } from '../../../api/test/fixtures';
import { startTestApi, type TestApi } from '../../../api/test/helpers';
import { createEmbeddedEngine } from '../engine';
import { apiClient } from '../http';
import { createMemoryState } from '../state/memory';
import type { BotState } from '../state/types';
import { createSlackApp, type SlackApp } from './app';
import {
  type FakeSlack,
  type RecordedCall,
  type SlackSender,
  slackSender,
  startFakeSlack,
} from './fake-slack';
import {
  commandFields,
  envelope,
  nextTs,
  recordingDeliverer,
  recordingLogger,
} from './test-support';

const signingSecret = 'e2e-signing-secret';
const staffChannel = 'CSTAFF';

const permitArticle = Article.parse({
  id: 'art_01JD0000000000PERMIT0001',
  topic: 'residence-permit',
  language: 'en',
  title: 'Renewing your residence permit',
  body: 'To renew your residence permit, book an appointment at the police station two months before it expires. Bring your passport, your current residence permit, a photo and your enrolment certificate. The residence permit renewal takes about two weeks.',
  tags: ['residence permit', 'visa'],
  audience: ['all_students'],
  lastReviewedOn: '2025-09-01',
  createdAt: '2025-09-01T08:00:00.000Z',
  updatedAt: '2025-09-01T08:00:00.000Z',
  version: 1,
});

function texts(call: RecordedCall | undefined): string {
  return JSON.stringify(call?.args.blocks ?? []);
}

describe('Slack with the embedded engine against the API', () => {
  let api: TestApi;
  let fake: FakeSlack;
  let state: BotState;
  let slack: SlackApp;
  let send: SlackSender;
  const wechat = recordingDeliverer();

  beforeAll(async () => {
    api = await startTestApi({ data: { ...fixtures(), articles: [permitArticle] } });
    fake = await startFakeSlack();
    state = createMemoryState();
    const engine = createEmbeddedEngine({
      client: apiClient({ baseUrl: api.url, token: api.tokens.service, maxRetries: 0 }),
      state,
      knowledgeBaseUrl: 'https://guide.example.edu/articles',
      timeZone: 'Europe/Paris',
    });
    slack = createSlackApp({
      engine,
      state,
      signingSecret,
      botToken: 'xoxb-e2e',
      slackApiUrl: fake.apiUrl,
      handoffChannel: staffChannel,
      deliverers: { wechat },
      processBeforeResponse: true,
      logger: recordingLogger(),
      now: api.clock.now,
    });
    const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
    send = slackSender(`http://127.0.0.1:${port}/slack/events`, signingSecret);
  }, 60_000);

  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
    await api?.close();
  }, 60_000);

  beforeEach(() => {
    fake.calls.length = 0;
  });

  const posts = () => fake.callsOf('chat.postMessage');

  /** The knowledge search route is another piece of work; these cases run once it is served. */
  const knowledgeServed = async () =>
    (await api.fetch('/v1/knowledge/search?q=permit', { token: api.tokens.service })).status !==
    404;

  it('answers a knowledge question in the thread, citing the article as a link', async (ctx) => {
    if (!(await knowledgeServed())) ctx.skip();
    const ts = nextTs();
    await send.event(
      envelope({
        type: 'app_mention',
        user: 'UGUEST1',
        text: '<@UBOT> How do I renew my residence permit?',
        ts,
        channel: 'CGENERAL',
      }),
    );
    expect(posts()).toHaveLength(1);
    const answer = posts()[0];
    expect(answer?.args).toMatchObject({ channel: 'CGENERAL', thread_ts: ts });
    expect(String(answer?.args.text)).toContain('police station');
    expect(texts(answer)).toContain(
      '<https://guide.example.edu/articles/art_01JD0000000000PERMIT0001|Renewing your residence permit>',
    );
  });

  it('binds a Slack user as staff, then answers with figures as fields and follow-up buttons', async () => {
    const created = await api.json<{ code: string }>('/v1/bindings/codes', {
      token: api.tokens.staff,
      body: { staffId: ids.staff },
    });
    expect(created.status).toBe(201);
    await send.event(
      envelope({
        type: 'message',
        channel_type: 'im',
        user: 'USTAFFX',
        text: `bind ${created.body.code}`,
        ts: nextTs(),
        channel: 'DSTAFFX',
      }),
    );
    expect(String(posts()[0]?.args.text)).toContain('linked');
    fake.calls.length = 0;

    const ts = nextTs();
    await send.event(
      envelope({
        type: 'message',
        channel_type: 'im',
        user: 'USTAFFX',
        text: 'How many exchange students are there?',
        ts,
        channel: 'DSTAFFX',
      }),
    );
    const answer = posts()[0];
    expect(answer?.args).toMatchObject({ channel: 'DSTAFFX', thread_ts: ts });
    const blocks = (answer?.args.blocks ?? []) as { type: string; fields?: unknown[] }[];
    const figures = blocks.find((block) => block.fields !== undefined);
    expect(figures?.fields?.length).toBeGreaterThan(0);
    expect(JSON.stringify(figures)).toMatch(/\*Students\*\\n\d+/);
    expect(blocks.some((block) => block.type === 'actions')).toBe(true);
  });

  it('hands a request for a person to staff, and delivers the staff reply in the student’s thread', async () => {
    const ts = nextTs();
    await send.event(
      envelope({
        type: 'app_mention',
        user: 'UGUEST2',
        text: '<@UBOT> I want to talk to a person',
        ts,
        channel: 'CGENERAL',
      }),
    );
    const staffPost = posts().find((call) => call.args.channel === staffChannel);
    const answer = posts().find((call) => call.args.channel === 'CGENERAL');
    expect(staffPost?.args.thread_ts).toBeUndefined();
    expect(texts(staffPost)).toContain('I want to talk to a person');
    expect(texts(staffPost)).toContain('the student asked for a person');
    expect(texts(staffPost)).toContain('<@UGUEST2>');
    expect(answer?.args.thread_ts).toBe(ts);
    expect(texts(answer)).toContain('A member of staff will answer you here.');

    // The engine saved the hand-off; the desk completed it with the staff thread.
    const record = await state.findHandoffByUser('slack', 'UGUEST2');
    expect(record?.staffThreadId).toBe(staffPost?.response.ts);
    expect(record?.reason).toBe('requested');

    fake.calls.length = 0;
    await send.event(
      envelope({
        type: 'message',
        channel_type: 'channel',
        user: 'USTAFF1',
        text: 'Hello, how can we help? Office hours are 9:00–12:00.',
        ts: nextTs(),
        thread_ts: record?.staffThreadId,
        channel: staffChannel,
      }),
    );
    const [delivered, confirmation] = posts();
    expect(delivered?.args).toMatchObject({
      channel: 'CGENERAL',
      thread_ts: ts,
      text: 'Reply from the international office:\nHello, how can we help? Office hours are 9:00–12:00.',
    });
    expect(confirmation?.args).toMatchObject({
      channel: staffChannel,
      thread_ts: record?.staffThreadId,
    });
    expect(String(confirmation?.args.text)).toContain('Delivered to the student on Slack');
  });

  it('hands an unanswerable question to staff and lists it with /passerelle gaps', async (ctx) => {
    if (!(await knowledgeServed())) ctx.skip();
    const ts = nextTs();
    await send.event(
      envelope({
        type: 'app_mention',
        user: 'UGUEST3',
        text: '<@UBOT> Can I bring my cat to the dormitory?',
        ts,
        channel: 'CGENERAL',
      }),
    );
    const staffPost = posts().find((call) => call.args.channel === staffChannel);
    expect(texts(staffPost)).toContain('Can I bring my cat to the dormitory?');
    expect(texts(staffPost)).toContain('the bot could not answer');
    expect((await state.findHandoffByUser('slack', 'UGUEST3'))?.reason).toBe('unanswered');

    fake.calls.length = 0;
    await send.form(commandFields('gaps', { response_url: fake.responseUrl('gaps') }));
    expect(String(fake.callsOf('response_url')[0]?.args.text)).toContain(
      '1× Can I bring my cat to the dormitory?',
    );
  });
});
