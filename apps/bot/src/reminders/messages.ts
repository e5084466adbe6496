/**
 * What reminders say, in English, Chinese and French. The English set defines the shape; the
 * other two are typed with it, so a missing translation fails the type check. Labels of
 * documents, alert reasons and agreement statuses come from the engine's messages.
 */
import type { Language } from '@passerelle/core';

const en = {
  documentTitle: () => 'Reminder from the International Office',
  document: (p: { document: string; reason: string; expiry: string; days: number }) =>
    p.days < 0
      ? `Your ${p.document} expired on ${p.expiry} (${p.reason}).`
      : `Your ${p.document} expires on ${p.expiry}, in ${p.days} day${p.days === 1 ? '' : 's'} (${p.reason}).`,
  documentAdvice: () =>
    'Please start the renewal in time; ask me "how do I renew my residence permit?" or to talk to a person.',
  eventTitle: () => 'See you tomorrow',
  event: (p: { title: string; when: string; where: string | undefined }) =>
    `You are registered for “${p.title}”, tomorrow, ${p.when}${p.where === undefined ? '' : `, ${p.where}`}.`,
  eventAdvice: () =>
    'Cannot come? Send “cancel my registration” so someone else can take the seat.',
  stopHint: () => 'To stop these reminders, send “stop reminders”.',
  digestTitle: (p: { date: string }) => `Daily digest, ${p.date}`,
  digestDocuments: (p: { count: number }) =>
    `${p.count} student document${p.count === 1 ? '' : 's'} need${p.count === 1 ? 's' : ''} attention`,
  digestDocument: (p: { name: string; document: string; expiry: string; reason: string }) =>
    `${p.name}: ${p.document}, ${p.expiry} (${p.reason})`,
  digestMore: (p: { count: number }) => `… and ${p.count} more (GET /v1/alerts).`,
  digestAgreements: (p: { count: number }) =>
    `${p.count} agreement${p.count === 1 ? '' : 's'} to renew or follow up`,
  digestAgreement: (p: { title: string; endDate: string; status: string }) =>
    `${p.title}: ends ${p.endDate} (${p.status})`,
  digestEvents: () => 'Your events tomorrow',
  digestStopHint: () => 'To stop this digest, tell me “stop reminders”.',
  digestOff: () => 'Done: no more daily digest. Tell me “turn on reminders” to get it again.',
  digestOn: () => 'Done: you will get the daily digest on Slack.',
};

export type ReminderMessages = typeof en;

const zh: ReminderMessages = {
  documentTitle: () => '国际处提醒',
  document: (p) =>
    p.days < 0
      ? `您的${p.document}已于 ${p.expiry} 过期（${p.reason}）。`
      : `您的${p.document}将于 ${p.expiry} 到期，还剩 ${p.days} 天（${p.reason}）。`,
  documentAdvice: () => '请及时办理续签；可以问我“居留许可怎么续签？”，或要求转人工。',
  eventTitle: () => '明天见',
  event: (p) =>
    `您已报名“${p.title}”，时间：明天 ${p.when}${p.where === undefined ? '' : `，地点：${p.where}`}。`,
  eventAdvice: () => '无法参加？发送“取消报名”，把名额让给其他同学。',
  stopHint: () => '如不想再收到提醒，请发送“关闭提醒”。',
  digestTitle: (p) => `每日摘要，${p.date}`,
  digestDocuments: (p) => `${p.count} 份学生证件需要关注`,
  digestDocument: (p) => `${p.name}：${p.document}，${p.expiry}（${p.reason}）`,
  digestMore: (p) => `……另有 ${p.count} 项（GET /v1/alerts）。`,
  digestAgreements: (p) => `${p.count} 份协议需要续签或跟进`,
  digestAgreement: (p) => `${p.title}：${p.endDate} 到期（${p.status}）`,
  digestEvents: () => '您明天的活动',
  digestStopHint: () => '如不想再收到摘要，请告诉我“关闭提醒”。',
  digestOff: () => '好的，不再发送每日摘要。告诉我“开启提醒”可重新开启。',
  digestOn: () => '好的，您将在 Slack 上收到每日摘要。',
};

const fr: ReminderMessages = {
  documentTitle: () => 'Rappel du bureau international',
  document: (p) =>
    p.days < 0
      ? `Votre ${p.document} a expiré le ${p.expiry} (${p.reason}).`
      : `Votre ${p.document} expire le ${p.expiry}, dans ${p.days} jour${p.days > 1 ? 's' : ''} (${p.reason}).`,
  documentAdvice: () =>
    'Pensez à le renouveler à temps ; demandez-moi « comment renouveler mon titre de séjour ? » ou à parler à quelqu’un.',
  eventTitle: () => 'À demain',
  event: (p) =>
    `Vous êtes inscrit·e à « ${p.title} », demain, ${p.when}${p.where === undefined ? '' : `, ${p.where}`}.`,
  eventAdvice: () =>
    'Vous ne pouvez pas venir ? Envoyez « annule mon inscription » pour libérer la place.',
  stopHint: () => 'Pour ne plus recevoir ces rappels, envoyez « arrête les rappels ».',
  digestTitle: (p) => `Résumé du jour, ${p.date}`,
  digestDocuments: (p) => `${p.count} document${p.count > 1 ? 's' : ''} d’étudiants à surveiller`,
  digestDocument: (p) => `${p.name} : ${p.document}, ${p.expiry} (${p.reason})`,
  digestMore: (p) => `… et ${p.count} de plus (GET /v1/alerts).`,
  digestAgreements: (p) => `${p.count} accord${p.count > 1 ? 's' : ''} à renouveler ou à suivre`,
  digestAgreement: (p) => `${p.title} : fin le ${p.endDate} (${p.status})`,
  digestEvents: () => 'Vos événements de demain',
  digestStopHint: () => 'Pour ne plus recevoir ce résumé, dites-moi « arrête les rappels ».',
  digestOff: () =>
    'C’est fait : plus de résumé quotidien. Dites-moi « active les rappels » pour le retrouver.',
  digestOn: () => 'C’est fait : vous recevrez le résumé quotidien sur Slack.',
};

export const REMINDER_MESSAGES: Readonly<Record<Language, ReminderMessages>> = { en, zh, fr };
