/**
 * The real API for the SDK's integration tests: apps/api's own test helper (the API in this
 * process, PGlite in a temp directory), loaded at run time so the SDK's build never depends
 * on the API. `apiAvailable` is false in a checkout without apps/api.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What these tests use of the API's test helper. */
export interface TestApi {
  url: string;
  tokens: {
    admin: string;
    staff: string;
    service: string;
    student: { token: string; studentId: string };
    otherStudent: { token: string; studentId: string };
  };
  close(): Promise<void>;
}
type StartTestApi = (options?: { store?: 'pglite' }) => Promise<TestApi>;

const helpers = new URL('../../../apps/api/test/helpers.ts', import.meta.url);

export const apiAvailable = existsSync(fileURLToPath(helpers));

/** Starts the API on PGlite with the API tests' fixtures and tokens. */
export async function startRealApi(): Promise<TestApi> {
  const { startTestApi } = (await import(helpers.href)) as { startTestApi: StartTestApi };
  return startTestApi({ store: 'pglite' });
}
