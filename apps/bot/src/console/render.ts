/** How the console shows a reply: plain text, or the JSON shape ARCHITECTURE.md fixes. */
import type { Reply } from '../engine/types';

/** The reply as `npm run ask -- --json` prints it: exactly these keys, on one line. */
export function replyJson(reply: Reply): string {
  return JSON.stringify({
    text: reply.text,
    language: reply.language,
    citations: reply.citations.map(({ id, title, url }) => ({ id, title, url })),
    operations: reply.operations,
    followUps: reply.followUps,
    handoff: reply.handoff,
  });
}

/** The reply for a person at a terminal; follow-ups numbered `/1`, `/2`… for `chat`. */
export function replyText(reply: Reply): string {
  const lines = [reply.text];
  if (reply.citations.length > 0) {
    lines.push('', ...reply.citations.map((c, i) => `[${i + 1}] ${c.title} — ${c.url}`));
  }
  if (reply.handoff !== null) lines.push('', `(hand-off to the office: ${reply.handoff.reason})`);
  if (reply.followUps.length > 0) {
    lines.push('', ...reply.followUps.map((f, i) => `  /${i + 1} ${f.label}`));
  }
  return lines.join('\n');
}
