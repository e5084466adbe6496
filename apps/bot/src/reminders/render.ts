/**
 * A claimed reminder as the recipient reads it, in their language: plain text for WeChat, and
 * Block Kit with a text fallback for a staff digest on Slack.
 */
import type { ClaimedReminder, ReminderContent } from '@passerelle/core';
import type { types } from '@slack/bolt';
import { formatDate, formatTime, text } from '../engine/format';
import { messagesFor } from '../engine/messages';
import { escapeMrkdwn, truncate } from '../slack/text';
import { REMINDER_MESSAGES } from './messages';

type Digest = Extract<ReminderContent, { kind: 'staff_digest' }>;

/** The most lines a digest section lists (the rest is counted). */
const DIGEST_LINES = 10;
const SECTION_MAX = 3000;

/** A student's reminder (document or event) as plain text. */
export function reminderText(reminder: Pick<ClaimedReminder, 'content' | 'language'>): string {
  const { content, language } = reminder;
  const t = REMINDER_MESSAGES[language];
  const labels = messagesFor(language).labels;
  switch (content.kind) {
    case 'document_expiring': {
      const { alert } = content;
      return [
        t.documentTitle(),
        t.document({
          document: labels.documentKind[alert.document],
          reason: labels.alertReason[alert.reason],
          expiry: formatDate(alert.expiry, language),
          days: alert.daysLeft,
        }),
        t.documentAdvice(),
        t.stopHint(),
      ].join('\n');
    }
    case 'event_tomorrow': {
      const { event } = content;
      return [
        t.eventTitle(),
        t.event({
          title: text(event.title, language),
          when: formatTime(event.start, event.timeZone, language),
          where: event.place ?? event.onlineUrl,
        }),
        t.eventAdvice(),
        t.stopHint(),
      ].join('\n');
    }
    case 'staff_digest':
      return digestLines(content, reminder.language).join('\n');
  }
}

function digestLines(content: Digest, language: ClaimedReminder['language']): string[] {
  const t = REMINDER_MESSAGES[language];
  const lines = [t.digestTitle({ date: formatDate(content.date, language) })];
  for (const section of digestSections(content, language)) {
    lines.push('', section.heading, ...section.items.map((item) => `• ${item}`));
  }
  lines.push('', t.digestStopHint());
  return lines;
}

interface Section {
  heading: string;
  items: string[];
}

function digestSections(content: Digest, language: ClaimedReminder['language']): Section[] {
  const t = REMINDER_MESSAGES[language];
  const labels = messagesFor(language).labels;
  const sections: Section[] = [];
  if (content.documentCount > 0) {
    const shown = content.documents.slice(0, DIGEST_LINES);
    const items = shown.map((alert) =>
      t.digestDocument({
        name: alert.studentName,
        document: labels.documentKind[alert.document],
        expiry: formatDate(alert.expiry, language),
        reason: labels.alertReason[alert.reason],
      }),
    );
    if (content.documentCount > shown.length) {
      items.push(t.digestMore({ count: content.documentCount - shown.length }));
    }
    sections.push({ heading: t.digestDocuments({ count: content.documentCount }), items });
  }
  if (content.agreements.length > 0) {
    const shown = content.agreements.slice(0, DIGEST_LINES);
    const items = shown.map((agreement) =>
      t.digestAgreement({
        title: text(agreement.title, language),
        endDate: formatDate(agreement.endDate, language),
        status: labels.agreementStatus[agreement.status],
      }),
    );
    if (content.agreements.length > shown.length) {
      items.push(t.digestMore({ count: content.agreements.length - shown.length }));
    }
    sections.push({ heading: t.digestAgreements({ count: content.agreements.length }), items });
  }
  if (content.events.length > 0) {
    sections.push({
      heading: t.digestEvents(),
      items: content.events.map(
        (event) =>
          `${formatTime(event.start, event.timeZone, language)} ${text(event.title, language)}`,
      ),
    });
  }
  return sections;
}

/** A staff digest for `chat.postMessage`: a header, a section per part, and the text fallback. */
export function digestMessage(reminder: Pick<ClaimedReminder, 'content' | 'language'>): {
  text: string;
  blocks: types.KnownBlock[];
} {
  const { content, language } = reminder;
  const fallback = truncate(reminderText(reminder), 4000);
  if (content.kind !== 'staff_digest') {
    return {
      text: fallback,
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(fallback), SECTION_MAX) },
        },
      ],
    };
  }
  const t = REMINDER_MESSAGES[language];
  const blocks: types.KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(t.digestTitle({ date: formatDate(content.date, language) }), 150),
        emoji: true,
      },
    },
  ];
  for (const section of digestSections(content, language)) {
    const body = [
      `*${escapeMrkdwn(section.heading)}*`,
      ...section.items.map((item) => `• ${escapeMrkdwn(item)}`),
    ];
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(body.join('\n'), SECTION_MAX) },
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t.digestStopHint()) }],
  });
  return { text: fallback, blocks };
}
