/**
 * Staff replies from the hand-off desk reach a student on WeChat through the route the
 * deployment uses: the wechaty bot, or the Official Account / WeCom message API.
 */
import type { Deliverer } from '../handoff/desk';
import { PERSONAL_CHAT_LIMIT, type SplitLimit, splitMessage, toPlainText } from './render';

/** Sends one plain-text message to a WeChat user (a wechaty contact id, an openid). */
export interface WechatTextSender {
  sendText(toUser: string, text: string): Promise<void>;
}

/**
 * A Deliverer for WeChat: the text made plain, cut to `limit` (2,000 characters for wechaty;
 * pass `OFFICIAL_ACCOUNT_LIMIT` for the Official Account API), sent part after part. A staff
 * reply always goes to the person directly, even when they asked in a group: it may hold
 * their own data.
 */
export function createWechatDeliverer(
  sender: WechatTextSender,
  limit: SplitLimit = PERSONAL_CHAT_LIMIT,
): Deliverer {
  return {
    async deliver(channel, channelUserId, text) {
      if (channel !== 'wechat') {
        throw new Error(`The WeChat deliverer cannot deliver to ${channel}`);
      }
      for (const part of splitMessage(toPlainText(text), limit)) {
        await sender.sendText(channelUserId, part);
      }
    },
  };
}
