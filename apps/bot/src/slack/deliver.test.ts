import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackDeliverer } from './deliver';
import { type FakeSlack, startFakeSlack } from './fake-slack';

describe('Slack deliverer', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
  });

  const deliverer = () =>
    createSlackDeliverer(new webApi.WebClient('xoxb-d', { slackApiUrl: fake.apiUrl }));

  it('answers in the person’s thread when it is known, else in a direct message', async () => {
    await deliverer().deliver('slack', 'U1', 'In the thread <ok>', {
      conversationId: 'C1',
      threadId: '1700000000.000100',
    });
    await deliverer().deliver('slack', 'U2', 'By DM');
    const [inThread, direct] = fake.callsOf('chat.postMessage');
    expect(inThread?.args).toMatchObject({
      channel: 'C1',
      thread_ts: '1700000000.000100',
      text: 'In the thread <ok>',
    });
    expect(JSON.stringify(inThread?.args.blocks)).toContain('In the thread &lt;ok&gt;');
    expect(direct?.args).toMatchObject({ channel: 'U2', text: 'By DM' });
    expect(direct?.args.thread_ts).toBeUndefined();
  });

  it('refuses another channel’s person', async () => {
    await expect(deliverer().deliver('wechat', 'wxid_1', 'hi')).rejects.toThrow(
      'cannot deliver to wechat',
    );
  });
});
