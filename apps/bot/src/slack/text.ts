/**
 * Slack's message text is its own markup: `<@U123>` mentions, `<url|label>` links and `&amp;`
 * escapes (https://docs.slack.dev/messaging/formatting-message-text). The engine and the other
 * channels want what the person typed; Block Kit wants that text escaped again.
 */

const token = /<([^<>]*)>/g;

export interface PlainTextOptions {
  /** This user's mentions are removed (the bot's own, in an app mention). */
  botUserId?: string;
  /** Keep line breaks (a staff reply a student reads); otherwise all spacing becomes one space. */
  keepLines?: boolean;
}

/** The plain text of a Slack message: the bot's own mention removed, the rest made readable. */
export function plainText(slackText: string, options: PlainTextOptions = {}): string {
  const replaced = slackText.replace(token, (_match, inner: string) =>
    readable(inner, options.botUserId),
  );
  const text = unescapeEntities(replaced);
  if (!options.keepLines) return text.replace(/\s+/g, ' ').trim();
  return text
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function readable(inner: string, botUserId: string | undefined): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    if (botUserId !== undefined && target.slice(1) === botUserId) return ' ';
    return label === undefined ? target : `@${label.replace(/^@/, '')}`;
  }
  if (target.startsWith('#')) return label === undefined ? target : `#${label}`;
  if (target.startsWith('!')) {
    // `<!here>`, `<!subteam^ID|@team>`, `<!date^…|fallback>`
    if (label !== undefined) return label;
    return `@${target.slice(1).split('^')[0] ?? ''}`;
  }
  if (label !== undefined) return label;
  return target.startsWith('mailto:') ? target.slice('mailto:'.length) : target;
}

function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Text safe inside mrkdwn: Slack asks for exactly these three characters to be escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link in mrkdwn, or only the escaped label when the address is not http(s). */
export function mrkdwnLink(url: string, label: string): string {
  const safeLabel = escapeMrkdwn(label).replace(/\|/g, '¦');
  if (!/^https?:\/\//i.test(url)) return safeLabel;
  const safeUrl = url.replace(/[<>| ]/g, (c) => encodeURIComponent(c));
  return `<${safeUrl}|${safeLabel}>`;
}

/** At most `max` characters, with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Where to cut without splitting an `&amp;`-style entity in two. */
function hardCut(head: string): number {
  const amp = head.lastIndexOf('&');
  return amp > 0 && amp >= head.length - 4 && !head.slice(amp).includes(';') ? amp : head.length;
}

/** Cut a long text into chunks of at most `max` characters, preferring paragraph and line breaks. */
export function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (Array.from(rest).length > max) {
    const head = Array.from(rest).slice(0, max).join('');
    const cut = Math.max(head.lastIndexOf('\n\n'), head.lastIndexOf('\n'), head.lastIndexOf(' '));
    const at = cut > max / 2 ? cut : hardCut(head);
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
}
