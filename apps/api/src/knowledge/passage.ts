/**
 * The passage of an article that answers a question: Markdown turned into plain text, cut into
 * sentences within their section (a heading belongs to the section it opens), and the window
 * of consecutive sentences (at most `PASSAGE_LENGTH` characters) that starts with a sentence
 * holding a term of the question and holds the most of the question's weight.
 */
import { analyze } from './tokenizer';

export const PASSAGE_LENGTH = 300;

/** A block of plain text: a paragraph, a list item or a heading. */
export interface Block {
  text: string;
  heading: boolean;
  /** 1 to 6 for headings. */
  level?: number;
}

// Regular expressions are compiled once here: a literal inside a function may be compiled again
// on each call when the build lowers Unicode property escapes to `new RegExp`.
const inlineRules: readonly (readonly [RegExp, string])[] = [
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1'],
  [/\[([^\]]*)\]\([^)]*\)/g, '$1'],
  [/<\/?[a-z][^>]*>/gi, ''],
  [/`([^`]*)`/g, '$1'],
  [/(\*\*|__)(.+?)\1/g, '$2'],
  [/(^|[^\p{L}\p{N}*_])([*_])(?=\S)(.+?)(?<=\S)\2(?![\p{L}\p{N}])/gu, '$1$3'],
  [/~~(.+?)~~/g, '$1'],
  [/\s+/g, ' '],
];
const lineBreak = /\r?\n/;
const fence = /^(```|~~~)/;
const headingLine = /^(#{1,6})\s+(.*)$/;
const closingHashes = /\s#+$/;
const tableEdges = /^\||\|$/g;
const tableRule = /^:?-{3,}:?$/;
const thematicBreak = /^([-*_])(\s*\1){2,}$/;
const listItem = /^(?:[-*+]|\d+[.)])\s+(.*)$/;
const quoteMark = /^>\s?/;
const sentenceEnd = /(?<=[.!?;])\s+|(?<=[。！？；])\s*/u;
const trailingPunctuation = /[\s,;:·–—-]+$/u;

/** Inline Markdown to plain text: links and images to their text, emphasis and code marks off. */
export function stripInline(text: string): string {
  let plain = text;
  for (const [pattern, replacement] of inlineRules) plain = plain.replace(pattern, replacement);
  return plain.trim();
}

/** A Markdown document as plain-text blocks, in order. */
export function markdownBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    const text = stripInline(paragraph.join(' '));
    if (text !== '') blocks.push({ text, heading: false });
    paragraph = [];
  };
  let fenced = false;
  for (const raw of markdown.split(lineBreak)) {
    const line = raw.trim();
    if (fence.test(line)) {
      flush();
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      paragraph.push(line);
      continue;
    }
    const heading = headingLine.exec(line);
    if (heading !== null) {
      flush();
      const text = stripInline((heading[2] ?? '').replace(closingHashes, ''));
      if (text !== '') blocks.push({ text, heading: true, level: heading[1]?.length ?? 1 });
      continue;
    }
    if (line.startsWith('|')) {
      // A table row is a block of its own, cells joined with a middle dot; the rule row goes.
      flush();
      const cells = line
        .replace(tableEdges, '')
        .split('|')
        .map((cell) => stripInline(cell));
      if (!cells.every((cell) => tableRule.test(cell) || cell === '')) {
        blocks.push({ text: cells.join(' · '), heading: false });
      }
      continue;
    }
    if (line === '' || thematicBreak.test(line)) {
      flush();
      continue;
    }
    const item = listItem.exec(line);
    if (item !== null) {
      flush();
      paragraph.push(item[1] ?? '');
      continue;
    }
    paragraph.push(line.replace(quoteMark, ''));
  }
  flush();
  return blocks;
}

/** The whole document as plain text, blocks on their own lines. */
export function stripMarkdown(markdown: string): string {
  return markdownBlocks(markdown)
    .map((block) => block.text)
    .join('\n');
}

/** Sentences of a block (after . ! ? ; followed by a space, or their Chinese forms). */
export function sentences(text: string): string[] {
  return text
    .split(sentenceEnd)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

/** At most `max` characters, cut at a space when one is near the end, with an ellipsis. */
export function truncate(text: string, max = PASSAGE_LENGTH): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  let cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length - 40 && space > 0) cut = cut.slice(0, space);
  return `${cut.replace(trailingPunctuation, '')}…`;
}

/** A sentence (or heading, or table row) of a body, with its terms. */
export interface Piece {
  text: string;
  section: number;
  /** Starts a new block (joined with a line break rather than a space). */
  blockStart: boolean;
  terms: ReadonlySet<string>;
}

/** A body made ready for `bestPassageIn`: its sentences with their terms, and its first paragraph. */
export interface PreparedBody {
  pieces: Piece[];
  firstParagraph: string;
}

/** Cuts a Markdown body into sentences within sections and analyses each once. */
export function prepareBody(body: string): PreparedBody {
  const blocks = markdownBlocks(body);
  const pieces: Piece[] = [];
  let section = 0;
  for (const block of blocks) {
    // The title heading repeats the article's title; other headings open a section and are part of it.
    if (block.heading && block.level === 1) continue;
    if (block.heading) section++;
    sentences(block.text).forEach((text, index) => {
      const { words, bigrams } = analyze(text);
      pieces.push({
        text,
        section,
        blockStart: index === 0,
        terms: new Set([...words, ...bigrams]),
      });
    });
  }
  const firstParagraph = blocks.find((block) => !block.heading)?.text ?? blocks[0]?.text ?? '';
  return { pieces, firstParagraph };
}

/**
 * The best window of `body` for the question's terms (`weights`: term → weight). Falls back to
 * the first paragraph when no sentence holds a term.
 */
export function bestPassage(
  body: string,
  weights: ReadonlyMap<string, number>,
  max = PASSAGE_LENGTH,
): string {
  return bestPassageIn(prepareBody(body), weights, max);
}

/** `bestPassage` over a body prepared once. */
export function bestPassageIn(
  prepared: PreparedBody,
  weights: ReadonlyMap<string, number>,
  max = PASSAGE_LENGTH,
): string {
  const { pieces } = prepared;
  let best: { start: number; end: number; score: number } | undefined;
  for (let start = 0; start < pieces.length; start++) {
    const first = pieces[start];
    if (first === undefined || !holdsAny(first.terms, weights)) continue;
    const found = new Set<string>();
    let length = 0;
    let end = start;
    for (let index = start; index < pieces.length; index++) {
      const piece = pieces[index];
      if (piece === undefined || piece.section !== first.section) break;
      const added = [...piece.text].length + (index === start ? 0 : 1);
      if (index > start && length + added > max) break;
      length += added;
      end = index;
      for (const term of piece.terms) if (weights.has(term)) found.add(term);
    }
    let score = 0;
    for (const term of found) score += weights.get(term) ?? 0;
    // The most of the question's weight; on a tie, the earliest window.
    if (best === undefined || score > best.score + 1e-9) best = { start, end, score };
  }
  if (best === undefined) return truncate(prepared.firstParagraph, max);

  let passage = '';
  for (let index = best.start; index <= best.end; index++) {
    const piece = pieces[index];
    if (piece === undefined) continue;
    passage += index === best.start ? piece.text : `${piece.blockStart ? '\n' : ' '}${piece.text}`;
  }
  return truncate(passage, max);
}

function holdsAny(terms: ReadonlySet<string>, weights: ReadonlyMap<string, number>): boolean {
  for (const term of weights.keys()) if (terms.has(term)) return true;
  return false;
}
