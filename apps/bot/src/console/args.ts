/** The console's command line: `[--as staff|student|guest|student:<id>|staff:<id>] [--json] "question"`. */
import { parseArgs } from 'node:util';

/** Who the console speaks as. */
export type ConsoleAs =
  | { kind: 'guest' }
  | { kind: 'student'; id?: string }
  | { kind: 'staff'; id?: string };

export interface ConsoleArgs {
  as: ConsoleAs;
  json: boolean;
  help: boolean;
  /** The question (the words after the options, joined); empty for `chat`. */
  question: string;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `Usage:
  npm run ask -- [--as staff|student|guest|student:<id>|staff:<id>] [--json] "question"
  npm run chat -- [--as …] [--json]

  --as student        the demo student (WeChat user demo-student), the default
  --as staff          the demo member of staff (Slack user demo-staff)
  --as student:<id>   a student by id (the API acts only for students with a bound chat identity)
  --as staff:<id>     a member of staff by id (same condition)
  --as guest          nobody: public questions only
  --json              print the reply as JSON: text, language, citations, operations, followUps, handoff

The API is PASSERELLE_URL (default http://127.0.0.1:8787); the token is PASSERELLE_TOKEN, or
else the demo tokens in DATA_DIR/demo-tokens.json (written by npm start).`;

export function parseAs(value: string): ConsoleAs {
  const [kind, ...rest] = value.trim().split(':');
  const id = rest.join(':');
  if (kind === 'guest' && id === '') return { kind: 'guest' };
  if (kind === 'student' && id === '') return { kind: 'student' };
  if (kind === 'staff' && id === '') return { kind: 'staff' };
  if (kind === 'student' && /^stu_[0-9A-Za-z]{10,40}$/.test(id)) return { kind: 'student', id };
  if (kind === 'staff' && /^stf_[0-9A-Za-z]{10,40}$/.test(id)) return { kind: 'staff', id };
  throw new UsageError(
    `--as must be staff, student, guest, student:<stu_ id> or staff:<stf_ id>, not "${value}"`,
  );
}

export function parseConsoleArgs(argv: readonly string[]): ConsoleArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  return {
    as: values.as === undefined ? { kind: 'student' } : parseAs(values.as),
    json: values.json === true,
    help: values.help === true,
    question: positionals.join(' ').trim(),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      as: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
