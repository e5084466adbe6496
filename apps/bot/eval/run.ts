/**
 * `npm run eval:bot`: asks the evaluation set, prints accuracy per language, intent and role
 * and every failure, writes apps/bot/eval/results.md, and exits non-zero below 90% or on any
 * leak.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate, reportMarkdown } from './evaluate';

/** The accuracy the embedded engine must reach. */
export const REQUIRED_ACCURACY = 0.9;

const report = await evaluate();
const markdown = reportMarkdown(report);
process.stdout.write(`${markdown}\n`);
writeFileSync(fileURLToPath(new URL('./results.md', import.meta.url)), `${markdown}\n`);
if (report.accuracy < REQUIRED_ACCURACY || report.leaks > 0) {
  process.stderr.write(
    `Below the bar: ${(report.accuracy * 100).toFixed(1)}% (needs ${REQUIRED_ACCURACY * 100}%), ${report.leaks} leaks.\n`,
  );
  process.exitCode = 1;
}
