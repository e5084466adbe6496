import type { webApi } from '@slack/bolt';
import type { Deliverer } from '../handoff/desk';
import { renderNotice } from './blocks';

/**
 * Delivers a staff reply to a person on Slack: in the thread their question came from when it
 * is known, else in a direct message from the bot (posting to a user id opens it).
 */
export function createSlackDeliverer(client: Pick<webApi.WebClient, 'chat'>): Deliverer {
  return {
    async deliver(channel, channelUserId, text, target) {
      if (channel !== 'slack') throw new Error(`The Slack deliverer cannot deliver to ${channel}`);
      await client.chat.postMessage({
        channel: target?.conversationId ?? channelUserId,
        ...(target?.threadId === undefined ? {} : { thread_ts: target.threadId }),
        ...renderNotice(text),
        unfurl_links: false,
      });
    },
  };
}
