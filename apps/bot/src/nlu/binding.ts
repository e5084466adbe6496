import { cue, fold, normalize } from './text';

/** Words that ask to bind an account whatever follows them. */
const STRONG_BIND_CUE = cue(
  ['bind', 'binding', 'lier', 'liaison', 'code de liaison', 'rattacher'],
  ['绑定', '綁定', '绑'],
);
/** Words that ask to bind only when a code comes with them ("link ABC123"). */
const WEAK_BIND_CUE = cue(['link', 'associer', 'associe', 'relier', 'code'], ['关联', '绑定码']);
const CODE_RE = /(?<![A-Za-z0-9])([A-Za-z0-9]{6,10})(?![A-Za-z0-9])/gu;

/** True when a message asks to bind an account ("bind", "绑定", "lier"), code or not. */
export function mentionsBinding(text: string): boolean {
  return STRONG_BIND_CUE.test(fold(text));
}

/**
 * The binding code of "bind ABC123" / "绑定 ABC123" / "lier ABC123": 6 to 10 letters or
 * digits, returned in upper case. A word counts as a code only if it holds a digit or was
 * written in capitals, so "bind account" has none.
 */
export function extractBindingCode(text: string): string | undefined {
  const normal = normalize(text);
  const folded = fold(normal);
  const keyword = STRONG_BIND_CUE.exec(folded) ?? WEAK_BIND_CUE.exec(folded);
  if (keyword === null) return undefined;
  let fallback: string | undefined;
  for (const m of normal.matchAll(CODE_RE)) {
    const word = m[1] ?? '';
    if (!/\d/.test(word) && !/^[A-Z]+$/.test(word)) continue;
    if (m.index >= keyword.index) return word.toUpperCase();
    fallback ??= word.toUpperCase();
  }
  return fallback;
}
