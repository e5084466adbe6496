export {
  type ConsoleArgs,
  type ConsoleAs,
  parseAs,
  parseConsoleArgs,
  USAGE,
  UsageError,
} from './args';
export { ask, consoleMessage, type Io } from './ask';
export { type ChatStreams, chat } from './chat';
export { replyJson, replyText } from './render';
export {
  type ConsoleBot,
  type ConsoleBotOptions,
  ConsoleSetupError,
  createConsoleBot,
  DEMO_CHANNEL_USERS,
  DemoTokens,
  readDemoTokens,
  serviceAsker,
} from './setup';
