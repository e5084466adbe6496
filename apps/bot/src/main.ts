/**
 * The bot as a service: the configuration, the shared state, the engine (the LLM one when an
 * OpenAI-compatible server is configured, else the embedded one) and every configured channel
 * (Slack, WeChat personal account, Official Account / WeCom callback), with the hand-off desk
 * on Slack delivering staff replies to WeChat. `start.ts` runs it as a process.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotConfig } from './config';
import { serviceClient } from './engine/configured';
import type { Engine, IncomingMessage, Reply } from './engine/types';
import type { HandoffDesk } from './handoff/desk';
import { llmEngineFromConfig } from './llm/configured';
import {
  createReminderDelivery,
  type ReminderDelivery,
  type ReminderSenders,
} from './reminders/delivery';
import { createSlackApp, type SlackApp } from './slack/app';
import { type BotState, createBotState } from './state';
import { officialSettings, wechatySettings } from './wechat/config';
import { createCustomerServiceClient } from './wechat/customer-service';
import { createWechatDeliverer } from './wechat/deliver';
import { createOfficialAccountReceiver } from './wechat/official';
import { OFFICIAL_ACCOUNT_LIMIT } from './wechat/render';

export interface BotLog {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export interface RunningBot {
  /** The engine in use. */
  engineKind: 'llm' | 'embedded';
  /** What started, e.g. `slack (http, port 3000)`. */
  started: string[];
  /** The Slack HTTP receiver's port, when it listens. */
  slackPort?: number;
  /** The WeChat callback server's port, when it listens. */
  wechatPort?: number;
  state: BotState;
  engine: Engine;
  /** The reminder delivery loop, when a channel can deliver and PASSERELLE_TOKEN is set. */
  reminders?: ReminderDelivery;
  /** Stops every channel, then closes the state. */
  stop(): Promise<void>;
}

export interface StartBotOptions {
  log?: BotLog;
  /** The state to use instead of the configured one (tests). */
  state?: BotState;
  /** Host the HTTP receivers listen on (default all interfaces; tests use 127.0.0.1). */
  host?: string;
  /** The clock the Slack channel gives the engine (tests). */
  now?: () => Date;
}

const consoleLog: BotLog = {
  info: (message) => console.log(message),
  error: (message, error) => console.error(message, error ?? ''),
};

/**
 * The engine as a WeChat route sees it: a reply that hands the question over is posted to the
 * staff desk on Slack, and the person is told what happens.
 */
export function handingOver(engine: Engine, desk: HandoffDesk | undefined, log: BotLog): Engine {
  if (desk === undefined) return engine;
  return {
    async answer(message: IncomingMessage): Promise<Reply> {
      const reply = await engine.answer(message);
      if (reply.handoff === null || reply.duplicate === true) return reply;
      try {
        const outcome = await desk.open({
          channel: message.channel,
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
        return { ...reply, text: `${reply.text}\n\n${outcome.notice}` };
      } catch (error) {
        log.error('hand-off failed:', error);
        return reply;
      }
    },
  };
}

async function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  server.listen(port, host);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

export async function startBot(
  config: BotConfig,
  options: StartBotOptions = {},
): Promise<RunningBot> {
  const log = options.log ?? consoleLog;
  const state = options.state ?? createBotState(config);
  const { engine, kind } = llmEngineFromConfig(config, {
    state,
    onError: (error) => log.error('engine:', error),
  });
  const started: string[] = [
    `engine: ${kind === 'llm' ? `LLM (${config.OPENAI_MODEL}, falls back to the embedded engine)` : 'embedded'}`,
    `state: ${config.REDIS_URL === undefined ? 'memory' : 'Redis'}`,
  ];
  const stops: (() => Promise<void>)[] = [];
  const running: RunningBot = {
    engineKind: kind,
    started,
    state,
    engine,
    async stop() {
      for (const stop of stops.reverse()) {
        try {
          await stop();
        } catch (error) {
          log.error('stopping:', error);
        }
      }
      stops.length = 0;
      await state.close();
    },
  };

  // Where reminders can go: filled in as the channels start.
  const reminderSenders: ReminderSenders = {};
  try {
    // Slack, with the hand-off desk.
    let slack: SlackApp | undefined;
    const botToken = config.SLACK_BOT_TOKEN;
    const socket = config.SLACK_SOCKET_MODE && config.SLACK_APP_TOKEN !== undefined;
    if (botToken !== undefined && (config.SLACK_SIGNING_SECRET !== undefined || socket)) {
      slack = createSlackApp({
        engine,
        state,
        botToken,
        ...(config.SLACK_SIGNING_SECRET === undefined
          ? {}
          : { signingSecret: config.SLACK_SIGNING_SECRET }),
        ...(config.SLACK_APP_TOKEN === undefined ? {} : { appToken: config.SLACK_APP_TOKEN }),
        socketMode: socket,
        ...(config.SLACK_API_URL === undefined ? {} : { slackApiUrl: config.SLACK_API_URL }),
        port: config.SLACK_PORT,
        handoffChannel: config.HANDOFF_SLACK_CHANNEL ?? '',
        passerelle: serviceClient(config),
        publicUrl: config.PASSERELLE_PUBLIC_URL ?? config.PASSERELLE_URL,
        ...(options.now === undefined ? {} : { now: options.now }),
      });
      const app = slack;
      const { port } = await app.start(
        socket
          ? undefined
          : {
              port: config.SLACK_PORT,
              ...(options.host === undefined ? {} : { host: options.host }),
            },
      );
      stops.push(() => app.stop());
      if (port !== undefined) running.slackPort = port;
      started.push(socket ? 'slack (Socket Mode)' : `slack (HTTP, port ${port})`);
      reminderSenders.slack = app.app.client;
      if (config.HANDOFF_SLACK_CHANNEL === undefined) {
        log.info('HANDOFF_SLACK_CHANNEL is not set: questions for a person cannot reach staff.');
      }
    }
    const desk =
      slack !== undefined && config.HANDOFF_SLACK_CHANNEL !== undefined ? slack.handoff : undefined;
    const wechatEngine = handingOver(engine, desk, log);

    // WeChat Official Account / WeCom callback.
    const official = officialSettings(config);
    if (official !== undefined) {
      const customerService =
        official.customerService === undefined
          ? undefined
          : createCustomerServiceClient(official.customerService);
      const receiver = createOfficialAccountReceiver({
        engine: wechatEngine,
        state,
        ...official.receiver,
        ...(customerService === undefined ? {} : { customerService }),
      });
      const server = createServer((req, res) => receiver.listener(req, res));
      const port = await listen(server, config.WECHAT_PORT, options.host);
      stops.push(async () => {
        server.close();
        server.closeAllConnections();
        await receiver.idle();
      });
      running.wechatPort = port;
      started.push(
        `wechat ${official.receiver.kind ?? 'official-account'} callback (port ${port})`,
      );
      if (customerService !== undefined) {
        reminderSenders.wechat = { sender: customerService, limit: OFFICIAL_ACCOUNT_LIMIT };
      }
      if (desk !== undefined && customerService !== undefined) {
        desk.useDeliverer('wechat', createWechatDeliverer(customerService, OFFICIAL_ACCOUNT_LIMIT));
      }
    }

    // WeChat personal account through wechaty (loaded only when configured).
    const puppet = wechatySettings(config);
    if (puppet !== undefined) {
      const { createWechatyBot } = await import('./wechat/wechaty');
      const bot = createWechatyBot({ engine: wechatEngine, state, ...puppet });
      bot.wechaty.on('scan', (qrcode) => log.info(`WeChat: scan to log in: ${qrcode}`));
      await bot.start();
      stops.push(() => bot.stop());
      started.push(`wechat personal account (${puppet.puppet})`);
      if (desk !== undefined) desk.useDeliverer('wechat', createWechatDeliverer(bot));
      reminderSenders.wechat = { sender: bot };
    }

    // Reminders computed by the API, claimed and sent on the channels above.
    if (config.REMINDER_INTERVAL_SECONDS > 0 && config.PASSERELLE_TOKEN !== undefined) {
      const delivery = createReminderDelivery({
        client: serviceClient(config),
        senders: reminderSenders,
        intervalMs: config.REMINDER_INTERVAL_SECONDS * 1000,
        log,
      });
      if (delivery !== undefined) {
        delivery.start();
        stops.push(() => delivery.stop());
        running.reminders = delivery;
        started.push(
          `reminders (${delivery.channels.join(', ')}, every ${config.REMINDER_INTERVAL_SECONDS} s)`,
        );
      }
    }
  } catch (error) {
    await running.stop();
    throw error;
  }

  if (started.length === 2) {
    log.info('No channel is configured: set SLACK_BOT_TOKEN, WECHAT_TOKEN or WECHATY_PUPPET.');
  }
  for (const line of started) log.info(`passerelle bot: ${line}`);
  return running;
}
