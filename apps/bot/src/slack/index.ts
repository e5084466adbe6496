export {
  createSlackApp,
  type SlackApp,
  type SlackAppOptions,
  type SlackState,
} from './app';
export {
  followUpActionPattern,
  followUpActionPrefix,
  renderGaps,
  renderHelp,
  renderNotice,
  renderReply,
  type SlackMessage,
} from './blocks';
export { createSlackDeliverer } from './deliver';
export { escapeMrkdwn, mrkdwnLink, type PlainTextOptions, plainText } from './text';
