/**
 * WeChat shows plain text only: no Markdown, no buttons, and a length limit per message. A
 * reply becomes one or more plain-text messages: the answer, its sources as a short numbered
 * list, and the follow-ups as numbered hints the person answers with a digit.
 */
import type { Language, Messages } from '@passerelle/core';
import type { FollowUp, Reply } from '../engine/types';

/** How long one WeChat message may be, and how that length is counted. */
export interface SplitLimit {
  max: number;
  unit: 'chars' | 'bytes';
}

/** Personal and group chats (wechaty): 2,000 characters per message. */
export const PERSONAL_CHAT_LIMIT: SplitLimit = { max: 2000, unit: 'chars' };

/**
 * Official Account / WeCom passive replies and customer-service messages: the `Content` field
 * holds at most 2,048 bytes of UTF-8.
 */
export const OFFICIAL_ACCOUNT_LIMIT: SplitLimit = { max: 2048, unit: 'bytes' };

const sourcesHeading: Messages = { en: 'Sources:', zh: '来源：', fr: 'Sources :' };

/** "Reply 1: Events this week": labels are noun phrases and verbs alike, so no "to"/"for". */
function followUpHint(language: Language, n: number, label: string): string {
  switch (language) {
    case 'zh':
      return `回复 ${n}：${label}`;
    case 'fr':
      return `Répondez ${n} : ${label}`;
    default:
      return `Reply ${n}: ${label}`;
  }
}

// Private-use characters mark the spots where a protected piece of text goes back.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** Markdown made readable as plain text: emphasis dropped, links as "title: url". */
export function toPlainText(markdown: string): string {
  const kept: string[] = [];
  const keep = (text: string): string => {
    kept.push(text);
    return `${OPEN}${kept.length - 1}${CLOSE}`;
  };
  const linkText = (title: string, url: string): string => {
    const label = title.trim();
    // Only the address is protected: the title's own emphasis is still dropped.
    return label === '' || label === url ? keep(url) : `${label}: ${keep(url)}`;
  };

  let text = markdown.replace(/\r\n?/g, '\n');
  // Code blocks: keep the code, drop the fences.
  text = text.replace(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/gm, (_m, code: string) =>
    keep(code.replace(/\n$/, '')),
  );
  text = text.replace(/`([^`\n]+)`/g, (_m, code: string) => keep(code));
  // A backslash-escaped mark is the mark itself, never emphasis.
  text = text.replace(/\\([\\`*_{}[\]()#+\-.!~>|])/g, (_m, mark: string) => keep(mark));
  // Images and links, with an optional "title" after the address.
  text = text.replace(
    /!?\[([^\]\n]*)\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"\n]*")?\s*\)/g,
    (_m, title: string, url: string) => linkText(title, url),
  );
  text = text.replace(/<((?:https?:\/\/|mailto:)[^\s>]+)>/g, (_m, url: string) =>
    keep(url.replace(/^mailto:/, '')),
  );
  // Bare addresses stay whole, whatever underscores or asterisks they hold.
  text = text.replace(/https?:\/\/[^\s<>()\uE000\uE001]+/g, (url) => keep(url));

  text = text
    .replace(/^[ \t]{0,3}(?:[-*_][ \t]*){3,}$/gm, '')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/gm, '$1')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^([ \t]*)[-*+][ \t]+(?=\S)/gm, '$1• ')
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
    .replace(/__(?=\S)([\s\S]*?\S)__/g, '$1')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*\n]*?\S)\*(?![\p{L}\p{N}*])/gu, '$1$2')
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}_])/gu, '$1$2');

  text = text.replace(
    new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'),
    (_m, index: string) => kept[Number(index)] ?? '',
  );
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The whole reply as one plain text: answer, numbered sources, numbered follow-up hints. */
export function replyToText(reply: Reply): string {
  const sections = [toPlainText(reply.text)];
  if (reply.citations.length > 0) {
    const lines = reply.citations.map((c, i) => {
      const title = toPlainText(c.title);
      return `[${i + 1}] ${c.url === '' ? title : `${title}: ${c.url}`}`;
    });
    sections.push([sourcesHeading[reply.language], ...lines].join('\n'));
  }
  if (reply.followUps.length > 0) {
    sections.push(
      reply.followUps
        .map((f, i) => followUpHint(reply.language, i + 1, toPlainText(f.label)))
        .join('\n'),
    );
  }
  return sections.filter((s) => s !== '').join('\n\n');
}

/** A reply rendered as the plain-text messages to send, in order. */
export function renderReply(reply: Reply, limit: SplitLimit = PERSONAL_CHAT_LIMIT): string[] {
  return splitMessage(replyToText(reply), limit);
}

/**
 * The follow-up a person picked by answering its number ("2", "２", "#2"), if they did.
 * Anything else is a new question.
 */
export function pickFollowUp(text: string, followUps: readonly FollowUp[]): FollowUp | undefined {
  const match = /^\s*#?\s*([0-9０-９]{1,2})\s*[.。]?\s*$/.exec(text.normalize('NFKC'));
  if (match === null) return undefined;
  const n = Number(match[1]);
  return followUps[n - 1];
}

/** How long a text is, counted as the limit counts it. */
export function measure(text: string, unit: SplitLimit['unit']): number {
  if (unit === 'bytes') return Buffer.byteLength(text, 'utf8');
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * Text cut into messages that each fit `limit`, numbered "(1/3) " when there is more than
 * one. Cuts fall between paragraphs if possible, then lines, sentences, words, and only then
 * between characters; never inside a character.
 */
export function splitMessage(text: string, limit: SplitLimit): string[] {
  const whole = text.trim();
  const size = (s: string): number => measure(s, limit.unit);
  if (size(whole) <= limit.max) return whole === '' ? [] : [whole];
  let expected = 2;
  for (;;) {
    const label = `(${expected}/${expected}) `;
    const budget = limit.max - size(label);
    if (budget < 1) throw new RangeError(`A WeChat message limit of ${limit.max} is too small`);
    const chunks = chunk(whole, budget, size, 0)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    // The labels were sized for `expected` parts; more digits need a smaller budget.
    if (String(chunks.length).length <= String(expected).length) {
      return chunks.map((c, i) => `(${i + 1}/${chunks.length}) ${c}`);
    }
    expected = chunks.length;
  }
}

interface Splitter {
  split(text: string): string[];
  join: string;
}

// Zero-width cuts, so no character is ever lost: after . ! ? … and a space, or after 。！？；.
const sentenceBoundary = /(?<=[.!?…]+["'”’)\]]*\s+)(?=\S)|(?<=[。！？；]+["'”’)\]」』]*)(?=\S)/u;

const splitters: Splitter[] = [
  { split: (t) => t.split(/\n[ \t]*\n+/), join: '\n\n' },
  { split: (t) => t.split('\n'), join: '\n' },
  { split: (t) => t.split(sentenceBoundary), join: '' },
  { split: (t) => t.split(/(?<=\s)(?=\S)/), join: '' },
];

function chunk(text: string, budget: number, size: (s: string) => number, level: number): string[] {
  if (size(text) <= budget) return [text];
  const splitter = splitters[level];
  if (splitter === undefined) return hardCut(text, budget, size);
  const pieces = splitter.split(text);
  if (pieces.length <= 1) return chunk(text, budget, size, level + 1);
  const parts: string[] = [];
  let current: string | undefined;
  for (const piece of pieces) {
    const candidate = current === undefined ? piece : current + splitter.join + piece;
    if (size(candidate) <= budget) {
      current = candidate;
      continue;
    }
    if (current !== undefined) parts.push(current);
    const sub = chunk(piece, budget, size, level + 1);
    current = sub.pop();
    parts.push(...sub);
  }
  if (current !== undefined) parts.push(current);
  return parts;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The last resort: cut between graphemes (between code points inside an oversized one). */
function hardCut(text: string, budget: number, size: (s: string) => number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const { segment } of graphemes.segment(text)) {
    const units = size(segment) <= budget ? [segment] : Array.from(segment);
    for (const unit of units) {
      if (current !== '' && size(current + unit) > budget) {
        parts.push(current);
        current = '';
      }
      current += unit;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}
