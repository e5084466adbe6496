/**
 * The personal-account route: a wechaty bot logged in as a WeChat account. It answers direct
 * messages, and group messages that mention it (replying in the group, mentioning the
 * sender). The puppet (the unofficial protocol implementation) is chosen by configuration.
 */
import {
  type Contact,
  type Message,
  type OfficialPuppetNpmName,
  type Room,
  types,
  type Wechaty,
  WechatyBuilder,
  type WechatyOptions,
} from 'wechaty';
import type { Engine } from '../engine/types';
import type { BotState } from '../state/types';
import { answerAsParts, FollowUpMemory, silentLog, type WechatLog } from './conversation';
import { PERSONAL_CHAT_LIMIT, type SplitLimit } from './render';
import { textOnlyNote } from './texts';

/** A puppet instance (tests pass wechaty-puppet-mock's `PuppetMock`). */
export type PuppetInstance = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

/** The puppets wechaty 1.20 can load by name. */
export const OFFICIAL_PUPPETS = [
  'wechaty-puppet-service',
  'wechaty-puppet-mock',
  'wechaty-puppet-wechat',
  'wechaty-puppet-wechat4u',
  'wechaty-puppet-padlocal',
  'wechaty-puppet-xp',
  'wechaty-puppet-oicq',
  'wechaty-puppet-official-account',
  'wechaty-puppet-gitter',
  'wechaty-puppet-lark',
  'wechaty-puppet-whatsapp',
  'wechaty-puppet-walnut',
  '@juzibot/wechaty-puppet-donut',
  '@juzibot/wechaty-puppet-wxwork',
] as const satisfies readonly OfficialPuppetNpmName[];

export function isOfficialPuppet(name: string): name is (typeof OFFICIAL_PUPPETS)[number] {
  return (OFFICIAL_PUPPETS as readonly string[]).includes(name);
}

export interface WechatyBotOptions {
  engine: Engine;
  state: Pick<BotState, 'seen'>;
  /** The wechaty instance name; puppets that keep a session store it under this name. */
  name: string;
  /**
   * A puppet package name (`WECHATY_PUPPET`, e.g. `wechaty-puppet-service`) or an instance.
   * When absent, wechaty's own default applies.
   */
  puppet?: string | PuppetInstance;
  /** The puppet's token (`WECHATY_PUPPET_SERVICE_TOKEN`), for puppet services. */
  puppetToken?: string;
  /** How long a message id is remembered to answer a redelivered message once. */
  dedupTtlSeconds?: number;
  now?: () => Date;
  log?: WechatLog;
}

export interface WechatyBot {
  readonly wechaty: Wechaty;
  start(): Promise<void>;
  /** Waits for the messages being answered, then stops the puppet. */
  stop(): Promise<void>;
  /** Resolves once every message received so far has been handled. */
  idle(): Promise<void>;
  /** Sends one text to a contact by id (for staff replies delivered later). */
  sendText(contactId: string, text: string): Promise<void>;
}

/** The wechaty options for a configuration: the puppet by name or instance, and its token. */
export function wechatyOptions(
  options: Pick<WechatyBotOptions, 'name' | 'puppet' | 'puppetToken'>,
): WechatyOptions {
  const { name, puppet, puppetToken } = options;
  if (puppet === undefined) return { name };
  if (typeof puppet !== 'string') return { name, puppet };
  if (!isOfficialPuppet(puppet)) {
    throw new Error(
      `WECHATY_PUPPET "${puppet}" is not a puppet wechaty can load by name; use one of ${OFFICIAL_PUPPETS.join(', ')}`,
    );
  }
  return puppetToken === undefined
    ? { name, puppet }
    : { name, puppet, puppetOptions: { token: puppetToken } };
}

const answeredTypes = new Set<types.Message>([types.Message.Text]);
const textOnlyTypes = new Set<types.Message>([
  types.Message.Image,
  types.Message.Audio,
  types.Message.Video,
]);

export function createWechatyBot(options: WechatyBotOptions): WechatyBot {
  const wechaty = WechatyBuilder.build(wechatyOptions(options));
  const now = options.now ?? (() => new Date());
  const log = options.log ?? silentLog;
  const ttl = options.dedupTtlSeconds ?? 24 * 3600;
  const followUps = new FollowUpMemory();
  const inFlight = new Set<Promise<void>>();

  async function handle(message: Message): Promise<void> {
    if (message.self()) return;
    const type = message.type();
    if (!answeredTypes.has(type) && !textOnlyTypes.has(type)) return;
    const room = message.room();
    // In a group, only a message that mentions the bot is for the bot.
    if (room !== undefined && !(await message.mentionSelf())) return;
    if (await options.state.seen(`wechat:wechaty:${message.id}`, ttl)) return;

    const talker = message.talker();
    const say = async (text: string): Promise<void> => {
      if (room === undefined) await talker.say(text);
      else await room.say(text, talker);
    };
    if (!answeredTypes.has(type)) {
      await say(textOnlyNote);
      return;
    }

    const text = room === undefined ? message.text().trim() : await textWithoutMention(message);
    const limit = room === undefined ? PERSONAL_CHAT_LIMIT : await roomLimit(talker, room);
    const parts = await answerAsParts(
      { engine: options.engine, followUps, log },
      {
        text: text === '' ? 'help' : text,
        channel: 'wechat',
        channelUserId: talker.id,
        conversationId: room === undefined ? talker.id : room.id,
        messageId: message.id,
        receivedAt: now(),
      },
      limit,
    );
    for (const part of parts) await say(part);
  }

  async function textWithoutMention(message: Message): Promise<string> {
    const text = await message.mentionText();
    // mentionText strips the name the room shows; a nickname typed by hand may remain.
    const self = wechaty.isLoggedIn ? wechaty.currentUser.name() : '';
    if (self === '') return text.trim();
    const leading = new RegExp(`^\\s*@${escapeRegExp(self)}[\\u2005\\u0020]*`);
    return text.replace(leading, '').trim();
  }

  wechaty.on('message', (message) => {
    const task = handle(message)
      .catch((error: unknown) => log('wechat.wechaty_message_failed', { error, id: message.id }))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  wechaty.on('error', (error) => log('wechat.wechaty_error', { error }));

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return {
    wechaty,
    start: () => wechaty.start(),
    async stop() {
      await idle();
      await wechaty.stop();
    },
    idle,
    async sendText(contactId, text) {
      const contact = await wechaty.Contact.find({ id: contactId });
      if (contact === undefined) throw new Error(`No WeChat contact ${contactId}`);
      await contact.say(text);
    },
  };
}

/** A room reply starts with "@name "; what is left of the 2,000 characters is for the text. */
async function roomLimit(talker: Contact, room: Room): Promise<SplitLimit> {
  const alias = await room.alias(talker);
  const shown = alias === undefined || alias === '' ? talker.name() : alias;
  return {
    unit: PERSONAL_CHAT_LIMIT.unit,
    max: PERSONAL_CHAT_LIMIT.max - (Array.from(shown).length + 2),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
