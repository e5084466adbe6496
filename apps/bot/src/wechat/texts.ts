/**
 * What the WeChat channel itself says. The person's language is not known before they write
 * text, so these notes carry all three languages.
 */

/** The answer to a picture, a voice message or a video. */
export const textOnlyNote =
  'Sorry, I can only read text messages: please type your question.\n' +
  '抱歉，我只能读取文字消息，请用文字输入您的问题。\n' +
  'Désolé, je ne lis que les messages écrits : tapez votre question.';

/** The answer when the engine failed. */
export const failureNote =
  'Sorry, something went wrong while answering. Please try again in a moment.\n' +
  '抱歉，回答时出了点问题，请稍后再试。\n' +
  'Désolé, une erreur est survenue. Réessayez dans un instant.';

/** Sent to someone who follows the Official Account. */
export const welcomeNote =
  'Welcome to the international office! Ask me a question in English, Chinese or French, or write "help".\n' +
  '欢迎关注国际处！您可以用中文、英文或法文提问，或发送“帮助”。\n' +
  'Bienvenue au bureau des relations internationales ! Posez votre question en français, en anglais ou en chinois, ou écrivez « aide ».';
