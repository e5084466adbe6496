import type { Language, Messages } from '@passerelle/core';
import type { Handoff } from '../engine/types';

/** What the student reads once the question has reached the staff channel. */
export const staffWillAnswer: Messages = {
  en: 'A member of staff will answer you here.',
  fr: 'Un membre de l’équipe vous répondra ici.',
  zh: '工作人员会在这里回复您。',
};

/** What the student reads when the staff channel could not be reached. */
export const staffUnreachable: Messages = {
  en: 'I could not reach a member of staff just now. Please try again later, or write to the international office.',
  fr: 'Je n’ai pas pu joindre un membre de l’équipe pour l’instant. Réessayez plus tard ou écrivez au bureau des relations internationales.',
  zh: '暂时无法联系到工作人员。请稍后再试，或直接联系国际处。',
};

/** Put before a staff reply delivered to the student. */
export const staffReplyPrefix: Messages = {
  en: 'Reply from the international office:',
  fr: 'Réponse du bureau des relations internationales :',
  zh: '国际处回复：',
};

export const reasonLabels: Record<Handoff['reason'], string> = {
  requested: 'the student asked for a person',
  unanswered: 'the bot could not answer',
  sensitive: 'sensitive question',
};

export const languageNames: Record<Language, string> = {
  en: 'English',
  fr: 'French',
  zh: 'Chinese',
};

export const channelNames: Record<'wechat' | 'slack' | 'console', string> = {
  wechat: 'WeChat',
  slack: 'Slack',
  console: 'console',
};
