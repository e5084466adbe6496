/**
 * The benchmark's processes talk over Node's IPC channel: the driver calls a method of a child
 * (`await child.call('serve', {})`), the child answers. Servers under test, the load generator
 * and the bot each run in a process of their own, so their CPU and memory are their own.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Any function of one argument (a handler of `P` is one of `never`); call sites are typed. */
type AnyHandler = (params: never) => Promise<unknown>;
export type Handlers = Record<string, AnyHandler>;

interface Request {
  id: number;
  method: string;
  params: unknown;
}

type Response =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

function isRequest(value: unknown): value is Request {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'number' &&
    'method' in value &&
    typeof value.method === 'string'
  );
}

function isResponse(value: unknown): value is Response {
  return typeof value === 'object' && value !== null && 'id' in value && 'ok' in value;
}

/** In a child: answers the driver's calls with `handlers` until it disconnects. */
export function serveRpc(handlers: Handlers): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('this script runs as a child of the benchmark driver');
  process.on('message', (message: unknown) => {
    if (!isRequest(message)) return;
    const handler = handlers[message.method];
    const answer = (response: Response) => send(response);
    if (handler === undefined) {
      answer({ id: message.id, ok: false, error: `no method ${message.method}` });
      return;
    }
    // The driver sends what the handler's own type names (see `Child.call`).
    (handler as (params: unknown) => Promise<unknown>)(message.params).then(
      (result) => answer({ id: message.id, ok: true, result }),
      (error: unknown) =>
        answer({
          id: message.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

export interface ChildOptions {
  /** Extra flags for node (`--cpu-prof`, `--expose-gc`). */
  nodeFlags?: readonly string[];
  env?: Record<string, string | undefined>;
  /** Where the child's stdout goes (a log file); discarded when absent. */
  stdoutFile?: string;
}

/** A child process running `script` (a TypeScript file, through tsx) and answering calls. */
export class Child<H extends Handlers> {
  readonly #process: ChildProcess;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  #next = 1;
  #exited: Promise<number | null>;

  constructor(script: URL, options: ChildOptions = {}) {
    const stdout = options.stdoutFile === undefined ? 'ignore' : openSync(options.stdoutFile, 'a');
    this.#process = fork(fileURLToPath(script), [], {
      execArgv: [
        '--import',
        'tsx',
        '--conditions=@passerelle/source',
        ...(options.nodeFlags ?? []),
      ],
      env: { ...process.env, ...options.env },
      stdio: ['ignore', stdout, 'inherit', 'ipc'],
    });
    this.#process.on('message', (message: unknown) => {
      if (!isResponse(message)) return;
      const pending = this.#pending.get(message.id);
      if (pending === undefined) return;
      this.#pending.delete(message.id);
      if (message.ok) pending.resolve(message.result);
      else pending.reject(new Error(`in ${script.pathname}: ${message.error}`));
    });
    this.#exited = new Promise((resolve) => {
      this.#process.on('exit', (code) => {
        for (const pending of this.#pending.values()) {
          pending.reject(new Error(`${script.pathname} exited (code ${code})`));
        }
        this.#pending.clear();
        resolve(code);
      });
    });
  }

  get pid(): number {
    return this.#process.pid ?? -1;
  }

  call<K extends keyof H & string>(
    method: K,
    ...args: Parameters<H[K]>
  ): Promise<Awaited<ReturnType<H[K]>>> {
    const params: unknown = args[0];
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, {
        resolve: (value) => resolve(value as Awaited<ReturnType<H[K]>>),
        reject,
      });
      this.#process.send({ id, method, params } satisfies Request);
    });
  }

  /** Disconnects (the child exits on its own) and waits, killing it after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.#process.exitCode !== null || this.#process.signalCode !== null) return;
    if (this.#process.connected) this.#process.disconnect();
    const timer = setTimeout(() => this.#process.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }
}
