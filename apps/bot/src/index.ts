export * from './config';
export * from './console';
export * from './engine';
export * from './llm';
export { type BotLog, handingOver, type RunningBot, type StartBotOptions, startBot } from './main';
export * from './nlu';
export * from './state';
