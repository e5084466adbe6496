/**
 * Validation of EWP documents against the official IIAs v7 schemas with xmllint (Debian's
 * libxml2-utils, installed by scripts/setup-system.sh), offline (`--nonet`).
 *
 * The schemas are not in this repository: they sit in `shared/ewp/` beside the clone
 * (`<repo>/../shared/ewp`, as on CI). The tests that need them are skipped, with a message
 * saying why, only when neither xmllint nor the schemas are there; when just one of them is
 * missing they fail, since that is a machine set up halfway.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const EWP_SCHEMAS = resolve(repoRoot, '../shared/ewp');
export const IIAS_SCHEMA = join(EWP_SCHEMAS, 'iias-v7/get-response.xsd');

const hasXmllint = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
const hasSchemas = existsSync(IIAS_SCHEMA);

/** True when the validation tests must be skipped: neither xmllint nor the schemas are here. */
export const skipSchemaValidation = !hasXmllint && !hasSchemas;
if (skipSchemaValidation) {
  console.warn(
    `EWP schema validation skipped: xmllint is not installed (run scripts/setup-system.sh) and the schemas are not at ${EWP_SCHEMAS}.`,
  );
}

export interface SchemaResult {
  valid: boolean;
  /** xmllint's messages. */
  output: string;
}

/** Validates an `iias-get-response` document against the official v7 schema. */
export async function validateIiasDocument(xml: string): Promise<SchemaResult> {
  if (!hasXmllint) {
    throw new Error('xmllint is not installed: run scripts/setup-system.sh (libxml2-utils)');
  }
  if (!hasSchemas) throw new Error(`The EWP schemas are not at ${EWP_SCHEMAS}`);
  const dir = await mkdtemp(join(tmpdir(), 'passerelle-ewp-'));
  try {
    const file = join(dir, 'iias.xml');
    await writeFile(file, xml, 'utf8');
    const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', IIAS_SCHEMA, file], {
      encoding: 'utf8',
    });
    return { valid: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
