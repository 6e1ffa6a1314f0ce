/**
 * The faults on the load's timeline: API A killed with SIGKILL at 25 % of LOAD_SECONDS and started
 * again, the PostgreSQL cluster restarted (`pg_ctl restart -m fast`) at 60 %. Each step is written
 * down with its time; a fault that cannot be carried out or recovered from is a violation.
 */
import { SECONDS } from './config';
import { healthy, running, sleep, waitFor } from './processes';
import type { Services } from './services';

/**
 * Starts the timeline now; `since` says how long the load has been going. `done` settles when both
 * faults are over; `faults` holds what happened, four lines when all went as planned.
 */
export function scheduleFaults(
  services: Services,
  since: () => string,
  violations: string[],
): { faults: string[]; done: Promise<unknown> } {
  const faults: string[] = [];
  const fault = (at: number, act: () => Promise<void>) =>
    sleep(SECONDS * 1000 * at)
      .then(act)
      .catch((error: unknown) => {
        violations.push(`a fault could not be carried out or recovered from: ${String(error)}`);
      });
  const done = Promise.all([
    fault(0.25, async () => {
      const a = running.get('api-a')?.child;
      const exited = new Promise((r) => a?.once('exit', r));
      a?.kill('SIGKILL');
      faults.push(`${since()}: API A killed (SIGKILL)`);
      await exited;
      services.startApi('api-a', services.apiPortA, false);
      const back = await waitFor('API A after SIGKILL', () => healthy(services.apiPortA), 180, 'api-a');
      faults.push(`${since()}: API A restarted, healthy ${(back / 1000).toFixed(1)} s after its start`);
    }),
    fault(0.6, async () => {
      faults.push(`${since()}: PostgreSQL restart (pg_ctl restart -m fast)`);
      const pgStarted = Date.now();
      await services.restartPostgres();
      faults.push(`${since()}: PostgreSQL back after ${((Date.now() - pgStarted) / 1000).toFixed(1)} s`);
    }),
  ]);
  return { faults, done };
}
