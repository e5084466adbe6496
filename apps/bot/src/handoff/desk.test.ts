/**
 * The hand-off desk against Slack's Web API played by a local server (a real WebClient), with the
 * real in-memory bot state and recording deliverers.
 */
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack';
import { recordingDeliverer } from '../slack/test-support';
import { createMemoryState } from '../state/memory';
import type { BotState } from '../state/types';
import { createHandoffDesk, type HandoffDesk, type HandoffRequest } from './desk';

const staff = 'CSTAFF';
const at = new Date('2025-11-20T09:00:00Z');

function request(overrides: Partial<HandoffRequest> = {}): HandoffRequest {
  return {
    channel: 'wechat',
    channelUserId: 'wxid_amelie',
    conversationId: 'wxid_amelie',
    language: 'fr',
    reason: 'requested',
    question: 'Je voudrais parler à quelqu’un <de mon visa> & de mon logement',
    attempt: 'Je transmets votre question à l’équipe.',
    at,
    ...overrides,
  };
}

describe('hand-off desk', () => {
  let fake: FakeSlack;
  let state: BotState;
  let desk: HandoffDesk;
  let errors: unknown[];
  const wechat = recordingDeliverer();

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.calls.length = 0;
    fake.closed.clear();
    wechat.deliveries.length = 0;
    errors = [];
    state = createMemoryState();
    desk = createHandoffDesk({
      slackClient: new webApi.WebClient('xoxb-desk', {
        slackApiUrl: fake.apiUrl,
        retryConfig: { retries: 0 },
      }),
      state,
      channelId: staff,
      deliverers: { wechat },
      onError: (error) => errors.push(error),
    });
  });

  const posts = () => fake.callsOf('chat.postMessage');

  it('posts the question as a new thread in the staff channel, with who, channel and language', async () => {
    const outcome = await desk.open(request({ displayName: 'Amélie <B>' }));
    expect(outcome).toMatchObject({
      opened: true,
      notice: 'Un membre de l’équipe vous répondra ici.',
    });
    expect(posts()).toHaveLength(1);
    const post = posts()[0];
    expect(post?.token).toBe('xoxb-desk');
    expect(post?.args.channel).toBe(staff);
    expect(post?.args.thread_ts).toBeUndefined();
    const blocks = JSON.stringify(post?.args.blocks);
    expect(blocks).toContain('the student asked for a person');
    expect(blocks).toContain('Amélie &lt;B&gt; (`wxid_amelie`)');
    expect(blocks).toContain('*Channel*\\nWeChat');
    expect(blocks).toContain('*Language*\\nFrench (fr)');
    expect(blocks).toContain('&lt;de mon visa&gt; &amp; de mon logement');
    expect(blocks).toContain('Je transmets votre question à l’équipe.');
    const saved = await state.findHandoffByThread(String(post?.response.ts));
    expect(saved).toMatchObject({
      channel: 'wechat',
      channelUserId: 'wxid_amelie',
      language: 'fr',
      reason: 'requested',
      staffThreadId: post?.response.ts,
    });
  });

  it('completes the record the engine saved, and posts it once however often it is opened', async () => {
    await state.saveHandoff({
      id: 'hnd_engine_1',
      channel: 'wechat',
      channelUserId: 'wxid_amelie',
      conversationId: 'wxid_amelie',
      language: 'fr',
      reason: 'requested',
      question: 'un humain svp',
      previousQuestion: 'Quel est le quota de Polytechnique ?',
      createdAt: at.toISOString(),
    });
    const first = await desk.open(
      request({ handoffId: 'hnd_engine_1', question: 'un humain svp' }),
    );
    const again = await desk.open(
      request({ handoffId: 'hnd_engine_1', question: 'un humain svp' }),
    );
    expect(posts()).toHaveLength(1);
    expect(JSON.stringify(posts()[0]?.args.blocks)).toContain(
      'Asked just before, unanswered*\\n>Quel est le quota de Polytechnique ?',
    );
    const thread = first.opened ? first.staffThreadId : 'none';
    expect(again).toMatchObject({ opened: true, staffThreadId: thread });
    expect(await state.findHandoffByThread(thread)).toMatchObject({
      id: 'hnd_engine_1',
      previousQuestion: 'Quel est le quota de Polytechnique ?',
    });
  });

  it('tells the student when the staff channel cannot be reached, and saves nothing', async () => {
    fake.closed.add(staff);
    const outcome = await desk.open(request({ language: 'zh' }));
    expect(outcome).toEqual({
      opened: false,
      notice: '暂时无法联系到工作人员。请稍后再试，或直接联系国际处。',
      error: expect.stringContaining('not_in_channel'),
    });
    expect(await state.findHandoffByUser('wechat', 'wxid_amelie')).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('delivers a staff reply in the student’s language and confirms it in the thread', async () => {
    const outcome = await desk.open(request({ threadId: 'room-thread' }));
    const thread = outcome.opened ? outcome.staffThreadId : '';
    fake.calls.length = 0;
    const relayed = await desk.relay({
      staffThreadId: thread,
      staffUserId: 'USTAFF',
      text: 'Bonjour,\n\nPassez au bureau B-101 &amp; apportez <mailto:a@b.fr|a@b.fr>.',
    });
    expect(relayed.status).toBe('delivered');
    expect(wechat.deliveries).toEqual([
      {
        channel: 'wechat',
        channelUserId: 'wxid_amelie',
        text: 'Réponse du bureau des relations internationales :\nBonjour,\n\nPassez au bureau B-101 & apportez a@b.fr.',
        target: { conversationId: 'wxid_amelie', threadId: 'room-thread' },
      },
    ]);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.args).toMatchObject({ channel: staff, thread_ts: thread });
    expect(posts()[0]?.args.text).toBe(
      ':white_check_mark: Delivered to the student on WeChat (from <@USTAFF>).',
    );
  });

  it('says in the thread when delivery failed', async () => {
    const failing = recordingDeliverer(true);
    desk.useDeliverer('wechat', failing);
    const outcome = await desk.open(request());
    const thread = outcome.opened ? outcome.staffThreadId : '';
    fake.calls.length = 0;
    const relayed = await desk.relay({ staffThreadId: thread, staffUserId: 'USTAFF', text: 'hi' });
    expect(relayed).toMatchObject({
      status: 'failed',
      error: 'the WeChat API refused the message',
    });
    expect(posts()).toHaveLength(1);
    expect(String(posts()[0]?.args.text)).toBe(
      ':warning: Not delivered: the student has not received this reply (the WeChat API refused the message).',
    );
  });

  it('fails clearly for a channel that has no deliverer', async () => {
    const outcome = await desk.open(
      request({ channel: 'console', channelUserId: 'console:ana', conversationId: 'console' }),
    );
    const thread = outcome.opened ? outcome.staffThreadId : '';
    const relayed = await desk.relay({ staffThreadId: thread, staffUserId: 'U1', text: 'hello' });
    expect(relayed).toMatchObject({ status: 'failed', error: 'no deliverer for console' });
    await state.saveHandoff({
      id: 'hnd_odd',
      channel: 'email',
      channelUserId: 'ana@example.edu',
      conversationId: 'ana@example.edu',
      language: 'en',
      reason: 'requested',
      question: 'hello',
      staffThreadId: '1700000000.000001',
      createdAt: at.toISOString(),
    });
    const odd = await desk.relay({
      staffThreadId: '1700000000.000001',
      staffUserId: 'U1',
      text: 'hello',
    });
    expect(odd).toMatchObject({ status: 'failed', error: 'no deliverer for email' });
  });

  it('ignores a thread that is not a hand-off', async () => {
    const relayed = await desk.relay({ staffThreadId: '1.2', staffUserId: 'U1', text: 'hello' });
    expect(relayed).toEqual({ status: 'not_a_handoff' });
    expect(fake.calls).toEqual([]);
    expect(wechat.deliveries).toEqual([]);
  });

  it('delivers even when the confirmation cannot be posted, and reports that error', async () => {
    const outcome = await desk.open(request());
    const thread = outcome.opened ? outcome.staffThreadId : '';
    fake.closed.add(staff);
    const relayed = await desk.relay({ staffThreadId: thread, staffUserId: 'U1', text: 'ok' });
    expect(relayed.status).toBe('delivered');
    expect(wechat.deliveries).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });
});
