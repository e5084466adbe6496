/** The results of a run: one table, the notes beside it, and results.md. */
import { FINDINGS } from './findings';
import type { Machine } from './machine';

export interface Row {
  /** The benchmark ("API overhead, PGlite"). */
  group: string;
  /** What is measured ("GET /v1/students/{id}"). */
  measure: string;
  /** The figure, with its unit. */
  value: string;
  /** The baseline's figure, when there is one. */
  baseline?: string;
  /** value ÷ baseline (or the ratio the target names). */
  ratio?: number;
  target?: string;
  met?: boolean;
}

export class Results {
  readonly rows: Row[] = [];
  readonly notes: string[] = [];

  add(row: Row): void {
    this.rows.push(row);
    console.log(
      `  ${row.group} · ${row.measure}: ${row.value}${row.baseline === undefined ? '' : ` vs ${row.baseline}`}${row.ratio === undefined ? '' : ` → ${row.ratio.toFixed(2)}`}${row.target === undefined ? '' : ` (target ${row.target}${row.met === undefined ? '' : row.met ? ', met' : ', MISSED'})`}`,
    );
  }

  note(text: string): void {
    this.notes.push(text);
    console.log(`  note: ${text}`);
  }

  table(): string {
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    const lines = [
      '| Benchmark | Measure | Value | Baseline | Ratio | Target | Met |',
      '| --- | --- | --- | --- | ---: | --- | :---: |',
    ];
    for (const row of this.rows) {
      lines.push(
        `| ${cell(row.group)} | ${cell(row.measure)} | ${cell(row.value)} | ${cell(row.baseline ?? '')} | ${row.ratio === undefined ? '' : row.ratio.toFixed(2)} | ${cell(row.target ?? '')} | ${row.met === undefined ? '' : row.met ? 'yes' : '**no**'} |`,
      );
    }
    return lines.join('\n');
  }
}

export interface ReportContext {
  machine: Machine;
  startedAt: Date;
  totalMs: number;
  command: string;
  options: string;
  skipped: string[];
}

export function markdown(results: Results, context: ReportContext): string {
  const { machine } = context;
  const minutes = (context.totalMs / 60_000).toFixed(1);
  return [
    '# Benchmark results',
    '',
    `Written by \`${context.command}\` on ${context.startedAt.toISOString()} (${minutes} min). Each ratio compares two figures measured in the same run, a few seconds apart, on the same machine; absolute figures are beside them and vary with the machine and its load. How each figure is measured: bench/README.md.`,
    '',
    '## Machine',
    '',
    `- CPUs: ${machine.cpus} × ${machine.cpuModel}`,
    `- Memory: ${machine.memory}`,
    `- Node: ${machine.node}; OS: ${machine.os}`,
    `- Load average at start (1, 5, 15 min): ${machine.loadAverage}`,
    ...(machine.postgres === undefined ? [] : [`- ${machine.postgres} (TEST_DATABASE_URL)`]),
    `- Options: ${context.options}`,
    '',
    '## Figures',
    '',
    results.table(),
    '',
    ...(context.skipped.length > 0
      ? ['## Not run', '', ...context.skipped.map((s) => `- ${s}`), '']
      : []),
    '## Notes',
    '',
    ...results.notes.map((note) => `- ${note}`),
    '',
    '## What the profiles showed',
    '',
    'Where targets were missed, the servers under test were profiled (`npm run bench -- --profile`). What that showed, and what was changed (23 November, 6 and 7 December 2026):',
    '',
    ...FINDINGS.map((finding) => `- ${finding}`),
    '',
  ].join('\n');
}
