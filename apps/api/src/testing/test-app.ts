import {
  createTestApp as createBootedTestApp,
  registerAppBooter,
  type TestApp as BootedTestApp,
} from '@tc/shared/testing';
import type { DestinationStream } from 'pino';
import { createApp, type RunningApp } from '../app/bootstrap';
import { loadConfig } from '../app/config';

export { testDatabaseKind, type TestResponse } from '@tc/shared/testing';

// The domains' integration specs boot this app through the harness, which cannot import it: the app
// registers itself here (the API's jest set-up imports this module before every spec file).
registerAppBooter((env, log) => createApp(loadConfig(env), log));

/** The API with its whole `RunningApp` (shutdown, the embedded database), for the app's own specs and the benches. */
export type TestApp = BootedTestApp<RunningApp>;

export function createTestApp(
  env: Record<string, string> = {},
  kind?: 'postgres' | 'pglite',
  logDestination?: DestinationStream,
): Promise<TestApp> {
  return createBootedTestApp<RunningApp>(env, kind, logDestination);
}
