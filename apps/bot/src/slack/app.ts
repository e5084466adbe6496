/**
 * The Slack channel, on @slack/bolt: app mentions, direct messages, the `/passerelle` command
 * and follow-up buttons go to the engine; its reply comes back in the thread as Block Kit.
 * Staff replies in the hand-off channel's threads go to the hand-off desk.
 *
 * Two ways to receive Slack's requests:
 * - HTTP (default): Bolt's own receiver on `port`, checking every request's signature with the
 *   signing secret (bad or stale signatures get 401). Point the app's Event Subscriptions,
 *   Interactivity and Slash Command URLs at `https://<host>/slack/events`.
 * - Socket Mode (`socketMode: true`): the app opens a WebSocket to Slack and needs an
 *   app-level token (`xapp-…`, scope `connections:write`); no public URL and no signing secret.
 */
import type { ListenOptions } from 'node:net';
import type { Language, Messages } from '@passerelle/core';
import {
  AuthenticationError,
  NotFoundError,
  type Passerelle,
  PermissionDeniedError,
} from '@passerelle/sdk';
import {
  App,
  type AppOptions,
  type BlockAction,
  type ButtonAction,
  type Logger,
  type RespondFn,
  type SlashCommand,
  type webApi,
} from '@slack/bolt';
import type { Channel, Engine, IncomingMessage, Reply } from '../engine/types';
import {
  createHandoffDesk,
  type Deliverer,
  type HandoffDesk,
  type HandoffDeskOptions,
} from '../handoff/desk';
import { detectLanguage } from '../nlu/language';
import type { BotState } from '../state/types';
import { followUpActionPattern, renderGaps, renderHelp, renderNotice, renderReply } from './blocks';
import { createSlackDeliverer } from './deliver';
import {
  parseReportCommand,
  renderYearEnd,
  reportFailed,
  reportRefused,
  reportUrl,
} from './report';
import { escapeMrkdwn, plainText, truncate } from './text';

/** The bot state the Slack channel needs: de-duplication, gaps and hand-off threads. */
export type SlackState = Pick<BotState, 'seen' | 'listGaps'> & HandoffDeskOptions['state'];

export interface SlackAppOptions {
  engine: Engine;
  state: SlackState;
  /** The bot token (`xoxb-…`). */
  botToken: string;
  /** Required for the HTTP receiver: every request's signature is checked with it. */
  signingSecret?: string;
  /** The app-level token (`xapp-…`) Socket Mode connects with. */
  appToken?: string;
  /** Receive over Socket Mode instead of HTTP (needs `appToken`). */
  socketMode?: boolean;
  /** Slack's Web API base URL (with a trailing slash); a local server in tests. */
  slackApiUrl?: string;
  /** The HTTP receiver's port (3000 by default); `start()` may override it. */
  port?: number;
  /**
   * Answer Slack's HTTP request only after the listener finished (for FaaS). Off by default:
   * events and commands are acknowledged at once and answered through the Web API.
   */
  processBeforeResponse?: boolean;
  /** The staff channel where hand-offs are posted (HANDOFF_SLACK_CHANNEL). */
  handoffChannel: string;
  /** How a staff reply reaches a person on another channel (WeChat); Slack's is built in. */
  deliverers?: Partial<Record<Channel, Deliverer>>;
  /** Who may list unanswered questions (`/passerelle gaps`); everyone in the workspace if unset. */
  canSeeGaps?: (slackUserId: string) => Promise<boolean>;
  logger?: Logger;
  /** The clock the engine is given as "now" (tests). */
  now?: () => Date;
  /** How long an event id is remembered to answer a retried event once (1 hour by default). */
  dedupTtlSeconds?: number;
  /**
   * The bot's service client, for `/passerelle report <year>`: the review is read acting for
   * the Slack user (`channel:slack:<user id>`), so only staff get it.
   */
  passerelle?: Passerelle;
  /** Where people open the full report (PASSERELLE_PUBLIC_URL, else the API's address). */
  publicUrl?: string;
}

export interface SlackApp {
  readonly app: App;
  /** The hand-off desk, for the other channels to hand their questions over. */
  readonly handoff: HandoffDesk;
  /**
   * Checks the bot token (`auth.test`), then listens: over HTTP on `listen` (a port or listen
   * options; the configured port by default), or connects over Socket Mode.
   */
  start(listen?: number | ListenOptions): Promise<{ port: number | undefined }>;
  stop(): Promise<void>;
}

const askedLabel: Messages = { en: 'asked', fr: 'a demandé', zh: '提问' };

const somethingWentWrong: Messages = {
  en: 'Sorry, something went wrong while answering. Please try again in a moment.',
  fr: 'Désolé, une erreur est survenue. Réessayez dans un instant.',
  zh: '抱歉，回答时出错了，请稍后再试。',
};

const notAllowed = 'Only staff can list unanswered questions.';

const helpWords: Record<string, Language> = {
  '': 'en',
  help: 'en',
  '?': 'en',
  aide: 'fr',
  帮助: 'zh',
};

/** Slack ids are opaque strings; a field that is one, or nothing. */
function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const now = options.now ?? (() => new Date());
  const dedupTtl = options.dedupTtlSeconds ?? 3600;
  const socketMode = options.socketMode ?? false;
  const { appToken, signingSecret } = options;

  const appOptions: AppOptions = {
    token: options.botToken,
    // auth.test runs in start(), not in the constructor, so building the app needs no network.
    deferInitialization: true,
  };
  if (socketMode) {
    if (appToken === undefined) {
      throw new Error('Slack Socket Mode needs an app-level token (SLACK_APP_TOKEN, xapp-…).');
    }
    appOptions.socketMode = true;
    appOptions.appToken = appToken;
  } else {
    if (signingSecret === undefined) {
      throw new Error('The Slack HTTP receiver needs the signing secret (SLACK_SIGNING_SECRET).');
    }
    appOptions.signingSecret = signingSecret;
    appOptions.processBeforeResponse = options.processBeforeResponse ?? false;
    if (options.port !== undefined) appOptions.port = options.port;
  }
  if (options.slackApiUrl !== undefined) {
    appOptions.clientOptions = { slackApiUrl: options.slackApiUrl };
  }
  if (options.logger !== undefined) appOptions.logger = options.logger;
  const app = new App(appOptions);

  const handoff = createHandoffDesk({
    slackClient: app.client,
    state: options.state,
    channelId: options.handoffChannel,
    deliverers: { slack: createSlackDeliverer(app.client), ...options.deliverers },
    onError: (error) => app.logger.error('hand-off desk:', error),
  });

  /** The engine's reply; a polite apology when the engine fails. */
  const ask = async (message: IncomingMessage): Promise<Reply> => {
    try {
      return await options.engine.answer(message);
    } catch (error) {
      app.logger.error('engine failed:', error);
      return {
        text: somethingWentWrong[detectLanguage(message.text)],
        language: detectLanguage(message.text),
        citations: [],
        operations: [],
        followUps: [],
        handoff: null,
      };
    }
  };

  /** Hands the question to staff when the reply says so; the notice for the person, if any. */
  const handOver = async (reply: Reply, message: IncomingMessage): Promise<string | undefined> => {
    if (reply.handoff === null) return undefined;
    const outcome = await handoff.open({
      channel: 'slack',
      channelUserId: message.channelUserId,
      conversationId: message.conversationId,
      ...(message.threadId === undefined ? {} : { threadId: message.threadId }),
      language: reply.language,
      reason: reply.handoff.reason,
      question: reply.handoff.question,
      attempt: reply.text,
      at: message.receivedAt,
      ...(reply.handoff.id === undefined ? {} : { handoffId: reply.handoff.id }),
    });
    return outcome.notice;
  };

  /** Asks the engine and answers in the thread. */
  const answerInThread = async (
    client: webApi.WebClient,
    message: IncomingMessage & { threadId: string },
  ): Promise<void> => {
    const reply = await ask(message);
    // The engine saw this message already (a retry that reached another instance): answered
    // once. A silent reply (a burst past the rate limit, already told) posts nothing either.
    if (reply.duplicate === true || reply.silent === true) return;
    const notice = await handOver(reply, message);
    await client.chat.postMessage({
      channel: message.conversationId,
      thread_ts: message.threadId,
      ...renderReply(reply, notice),
      unfurl_links: false,
      unfurl_media: false,
    });
  };

  // A retried event (same event_id, `x-slack-retry-num` over HTTP, `retry_attempt` in Socket
  // Mode) is answered once, whichever bot instance receives it. Bolt checks a request's
  // signature and age but keeps no memory of them, so a signed command or button click
  // replayed within its 5 minutes would pass: its trigger_id, unique per invocation, stops it.
  app.use(async (args) => {
    const { body, next } = args;
    const eventId = 'event_id' in body ? stringField(body.event_id) : undefined;
    if (eventId !== undefined && (await options.state.seen(`slack:event:${eventId}`, dedupTtl))) {
      return;
    }
    const triggerId = 'trigger_id' in body ? stringField(body.trigger_id) : undefined;
    if (
      triggerId !== undefined &&
      (await options.state.seen(`slack:trigger:${triggerId}`, dedupTtl))
    ) {
      if ('ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    await next();
  });

  app.event('app_mention', async ({ event, context, client }) => {
    if (event.bot_id !== undefined || event.user === undefined) return;
    const text = plainText(event.text, botUser(context.botUserId));
    await answerInThread(client, {
      text,
      channel: 'slack',
      channelUserId: event.user,
      conversationId: event.channel,
      threadId: event.thread_ts ?? event.ts,
      messageId: `${event.channel}:${event.ts}`,
      receivedAt: now(),
    });
  });

  app.message(async ({ message, context, client }) => {
    // Only what a person typed: no bot messages, edits, joins, deletions…
    if (message.subtype !== undefined && message.subtype !== 'thread_broadcast') return;
    if (('bot_id' in message && message.bot_id !== undefined) || message.user === undefined) {
      return;
    }
    const text = message.text ?? '';
    if (message.channel === options.handoffChannel) {
      const thread = message.thread_ts;
      if (thread === undefined || thread === message.ts) return;
      // A staff message addressed to the bot is answered by app_mention, not relayed.
      const botUserId = stringField(context.botUserId);
      if (botUserId !== undefined && text.includes(`<@${botUserId}`)) return;
      await handoff.relay({ staffThreadId: thread, staffUserId: message.user, text });
      return;
    }
    if (message.channel_type !== 'im') return;
    await answerInThread(client, {
      text: plainText(text, botUser(context.botUserId)),
      channel: 'slack',
      channelUserId: message.user,
      conversationId: message.channel,
      threadId: message.thread_ts ?? message.ts,
      messageId: `${message.channel}:${message.ts}`,
      receivedAt: now(),
    });
  });

  app.command('/passerelle', async ({ command, ack, respond, client }) => {
    const text = plainText(command.text);
    const word = text.toLowerCase();
    const helpLanguage = helpWords[word];
    if (helpLanguage !== undefined) {
      await ack({ response_type: 'ephemeral', ...renderHelp(helpLanguage) });
      return;
    }
    await ack();
    if (word === 'gaps') {
      const allowed =
        options.canSeeGaps === undefined || (await options.canSeeGaps(command.user_id));
      const answer = allowed
        ? renderGaps(await options.state.listGaps(20))
        : renderNotice(notAllowed);
      await respond({ response_type: 'ephemeral', ...answer });
      return;
    }
    const report =
      options.passerelle === undefined
        ? undefined
        : parseReportCommand(text, now().getUTCFullYear());
    if (report !== undefined && options.passerelle !== undefined) {
      await respond(await yearEndReport(options.passerelle, command.user_id, report));
      return;
    }
    await answerCommand(client, command, text, respond);
  });

  /** `/passerelle report <year>`: the review acting for the Slack user, in the channel. */
  const yearEndReport = async (
    passerelle: Passerelle,
    slackUserId: string,
    report: { year: number; language: Language },
  ) => {
    try {
      const acting = passerelle.withOptions({ actAs: `channel:slack:${slackUserId}` });
      // The full report opens in a browser without a token: a signed, short-lived link.
      const [review, link] = await Promise.all([
        acting.reports.yearEnd(report.year),
        acting.reports.yearEndLink(report.year, { format: 'html', language: report.language }),
      ]);
      const url = reportUrl(options.publicUrl ?? passerelle.baseUrl, link.path);
      return {
        response_type: 'in_channel' as const,
        ...renderYearEnd(review, report.language, url),
      };
    } catch (error) {
      // A student, or someone not bound: refused, saying nothing more.
      const refused =
        error instanceof PermissionDeniedError ||
        error instanceof NotFoundError ||
        error instanceof AuthenticationError;
      if (!refused) app.logger.error('year-end review failed:', error);
      const text = (refused ? reportRefused : reportFailed)[report.language];
      return { response_type: 'ephemeral' as const, ...renderNotice(text) };
    }
  };

  /**
   * `/passerelle <question>`: the question becomes a message in the channel and the answer its
   * thread, so follow-ups stay together. Where the bot cannot post (a channel it is not in),
   * the answer comes back privately through the command's response URL.
   */
  const answerCommand = async (
    client: webApi.WebClient,
    command: SlashCommand,
    text: string,
    respond: RespondFn,
  ): Promise<void> => {
    const message: IncomingMessage = {
      text,
      channel: 'slack',
      channelUserId: command.user_id,
      conversationId: command.channel_id,
      messageId: `command:${command.trigger_id}`,
      receivedAt: now(),
    };
    const reply = await ask(message);
    if (reply.silent === true) return;
    let parent: string | undefined;
    try {
      const posted = await client.chat.postMessage({
        channel: command.channel_id,
        text: `<@${command.user_id}> ${askedLabel[reply.language]}: ${escapeMrkdwn(truncate(text, 2900))}`,
      });
      parent = posted.ts;
    } catch (error) {
      app.logger.warn('cannot post in the command channel; answering privately:', error);
    }
    // A staff reply goes to the question's thread, or by direct message when there is none.
    const reachable =
      parent === undefined
        ? { ...message, conversationId: command.user_id }
        : { ...message, threadId: parent };
    const notice = await handOver(reply, reachable);
    const rendered = renderReply(reply, notice);
    if (parent === undefined) {
      await respond({ response_type: 'ephemeral', ...rendered });
      return;
    }
    await client.chat.postMessage({
      channel: command.channel_id,
      thread_ts: parent,
      ...rendered,
      unfurl_links: false,
      unfurl_media: false,
    });
  };

  // A follow-up button: its text goes to the engine as the same person, answered in the thread.
  app.action<BlockAction<ButtonAction>>(
    followUpActionPattern,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const text = action.value ?? '';
      const channelId = body.channel?.id ?? stringField(body.container.channel_id);
      const messageTs = stringField(body.message?.ts);
      if (text === '' || channelId === undefined) return;
      const message: IncomingMessage = {
        text,
        channel: 'slack',
        channelUserId: body.user.id,
        conversationId: channelId,
        messageId: `action:${body.trigger_id}`,
        receivedAt: now(),
      };
      if (messageTs === undefined || body.container.is_ephemeral === true) {
        // An ephemeral answer has no thread: answer privately again.
        const reply = await ask(message);
        if (reply.silent === true) return;
        const notice = await handOver(reply, message);
        await respond({ response_type: 'ephemeral', ...renderReply(reply, notice) });
        return;
      }
      const threadTs = stringField(body.message?.thread_ts) ?? messageTs;
      await answerInThread(client, { ...message, threadId: threadTs });
    },
  );

  app.error(async (error) => {
    app.logger.error('Slack listener failed:', error);
  });

  return {
    app,
    handoff,
    async start(listen) {
      await app.init();
      if (socketMode) {
        await app.start();
        return { port: undefined };
      }
      const server = await app.start(listen ?? options.port ?? 3000);
      const address = server.address();
      return { port: typeof address === 'object' && address !== null ? address.port : undefined };
    },
    async stop() {
      await app.stop();
    },
  };
}

function botUser(botUserId: unknown): { botUserId?: string } {
  const id = stringField(botUserId);
  return id === undefined ? {} : { botUserId: id };
}
