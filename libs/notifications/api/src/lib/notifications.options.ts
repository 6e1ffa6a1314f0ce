export const JOB_QUEUE_OPTIONS = Symbol('JOB_QUEUE_OPTIONS');

export interface JobQueueOptions {
  /** How often an idle worker asks for jobs, seconds (at least 0.5: pg-boss's floor). */
  pollingIntervalSeconds: number;
  /** How long a stop waits for the jobs in progress, ms. */
  stopTimeoutMs: number;
}

export const DEFAULT_JOB_QUEUE_OPTIONS: JobQueueOptions = { pollingIntervalSeconds: 2, stopTimeoutMs: 10000 };
