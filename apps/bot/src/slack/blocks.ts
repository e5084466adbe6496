import type { Language, Messages } from '@passerelle/core';
import type { types } from '@slack/bolt';
import type { Reply } from '../engine/types';
import type { Gap } from '../state/types';
import { chunks, escapeMrkdwn, mrkdwnLink, truncate } from './text';

/** A message ready for `chat.postMessage`: Block Kit, and the plain text notifications show. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** Every follow-up button's `action_id` starts with this, then `:` and its position. */
export const followUpActionPrefix = 'passerelle_followup';
export const followUpActionPattern = /^passerelle_followup:\d+$/;

// Block Kit's limits (https://docs.slack.dev/reference/block-kit/blocks).
const sectionTextMax = 3000;
const fieldTextMax = 2000;
const fieldsPerSection = 10;
const contextElementsMax = 10;
const buttonsMax = 25;
const buttonTextMax = 75;
const buttonValueMax = 2000;
const blocksMax = 50;
const fallbackTextMax = 4000;

const sourcesLabel: Messages = { en: 'Sources', fr: 'Sources', zh: '来源' };

/** Render the engine's reply: the text, its figures, its citations and its follow-ups. */
export function renderReply(reply: Reply, notice?: string): SlackMessage {
  const blocks: types.KnownBlock[] = [];
  const text = reply.text.trim() === '' ? '…' : reply.text;
  for (const part of chunks(escapeMrkdwn(text), sectionTextMax)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: part } });
  }
  const fields = reply.fields ?? [];
  for (let i = 0; i < fields.length; i += fieldsPerSection) {
    blocks.push({
      type: 'section',
      fields: fields.slice(i, i + fieldsPerSection).map((field) => ({
        type: 'mrkdwn',
        text: truncate(
          `*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`,
          fieldTextMax,
        ),
      })),
    });
  }
  if (reply.citations.length > 0) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `*${sourcesLabel[reply.language]}:*` },
        ...reply.citations.slice(0, contextElementsMax - 1).map((citation) => ({
          type: 'mrkdwn' as const,
          text: mrkdwnLink(citation.url, citation.title),
        })),
      ],
    });
  }
  if (notice !== undefined) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(notice) }] });
  }
  if (reply.followUps.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'passerelle_followups',
      elements: reply.followUps.slice(0, buttonsMax).map((followUp, index) => ({
        type: 'button',
        action_id: `${followUpActionPrefix}:${index}`,
        text: { type: 'plain_text', text: truncate(followUp.label, buttonTextMax), emoji: true },
        value: truncate(followUp.text, buttonValueMax),
      })),
    });
  }
  const fallback = notice === undefined ? text : `${text}\n\n${notice}`;
  return { text: truncate(fallback, fallbackTextMax), blocks: blocks.slice(0, blocksMax) };
}

/** A short message with no figures, citations or buttons. */
export function renderNotice(text: string): SlackMessage {
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }],
  };
}

const helpText: Messages = {
  en: [
    'Ask me about students, partner agreements, delegations, events and the knowledge base.',
    '• Mention me in a channel, or write to me directly: I answer in the thread.',
    '• `/passerelle <question>`: ask a question from anywhere.',
    '• `/passerelle gaps`: the questions I could not answer, for staff to follow up.',
    '• `/passerelle help`: this message.',
    'I answer in English, French or Chinese, in the language you write in.',
  ].join('\n'),
  fr: [
    'Interrogez-moi sur les étudiants, les accords de partenariat, les délégations, les événements et la base de connaissances.',
    '• Mentionnez-moi dans un canal ou écrivez-moi directement : je réponds dans le fil.',
    '• `/passerelle <question>` : poser une question depuis n’importe où.',
    '• `/passerelle gaps` : les questions restées sans réponse, à suivre par l’équipe.',
    '• `/passerelle aide` : ce message.',
    'Je réponds en français, en anglais ou en chinois, dans la langue de votre message.',
  ].join('\n'),
  zh: [
    '可以问我学生、合作协议、代表团、活动和知识库的问题。',
    '• 在频道中提及我，或直接给我发消息：我会在话题中回复。',
    '• `/passerelle <问题>`：随时提问。',
    '• `/passerelle gaps`：我未能回答的问题，供工作人员跟进。',
    '• `/passerelle 帮助`：显示此消息。',
    '我会用您提问的语言（中文、英文或法文）回答。',
  ].join('\n'),
};

/** The answer to `/passerelle help` (`aide`, `帮助`). */
export function renderHelp(language: Language): SlackMessage {
  return renderNotice(helpText[language]);
}

const times = (count: number) => (count === 1 ? 'once' : `${count} times`);

/** The answer to `/passerelle gaps`: the questions the bot could not answer, most asked first. */
export function renderGaps(gaps: readonly Gap[]): SlackMessage {
  if (gaps.length === 0) {
    return renderNotice('No unanswered questions: every question asked so far got an answer.');
  }
  const total = gaps.reduce((sum, gap) => sum + gap.count, 0);
  const title = `Unanswered questions: ${gaps.length} (asked ${times(total)})`;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } },
  ];
  for (const gap of gaps.slice(0, blocksMax - 2)) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${times(gap.count)}* · ${gap.language} · last ${gap.lastAskedAt.slice(0, 10)}\n>${escapeMrkdwn(gap.question).replace(/\n/g, '\n>')}`,
          sectionTextMax,
        ),
      },
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: 'Add a knowledge-base article for the frequent ones; the bot will then answer them.',
      },
    ],
  });
  const lines = gaps.map((gap) => `${gap.count}× ${gap.question}`);
  return { text: truncate(`${title}\n${lines.join('\n')}`, fallbackTextMax), blocks };
}
