/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and says where the time went: self time by
 * function and by package. `npm run bench -- --profile` writes one per server under test into
 * bench/profiles/; summarise one with
 *
 *   node --import tsx bench/src/profile.ts bench/profiles/api-overhead-postgres.cpuprofile
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: Hotspot[];
  packages: Hotspot[];
}

/** `hono`, `zod`, `pino`, `apps/api`, `(node)`… for a script URL. */
export function packageOf(url: string): string {
  if (url === '') return '(native/idle)';
  if (url.startsWith('node:')) return '(node)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? url);
  }
  const match = url.match(/\/(apps\/\w+|packages\/\w+|bench)\//);
  return match?.[1] ?? url;
}

export function summarise(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    totalMs += ms;
    const file = url.split('/').slice(-2).join('/');
    const name = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const pkg = functionName === '(garbage collector)' ? '(gc)' : packageOf(url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms, share: ms / totalMs }));
  return { totalMs, functions: ranked(functions), packages: ranked(packages) };
}

export function summariseFile(path: string, top = 15): ProfileSummary {
  return summarise(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, top);
}

function print(summary: ProfileSummary): void {
  const line = (spot: Hotspot) =>
    `${(spot.share * 100).toFixed(1).padStart(5)} %  ${spot.ms.toFixed(0).padStart(7)} ms  ${spot.name}`;
  console.log(`busy ${summary.totalMs.toFixed(0)} ms (idle excluded)\n\nby package:`);
  for (const spot of summary.packages) console.log(line(spot));
  console.log('\nby function (self time):');
  for (const spot of summary.functions) console.log(line(spot));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, top] = process.argv.slice(2);
  if (path === undefined) {
    console.error('usage: profile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  print(summariseFile(path, top === undefined ? 25 : Number(top)));
}
