import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * Work a request starts and does not wait for: the answer goes out first and the work follows, so the
 * answer's timing cannot tell what the work found (whether an e-mail has an account, say). A failure is
 * logged, as nobody is waiting to be told. Shutdown waits for the work under way before the database
 * closes.
 */
@Injectable()
export class BackgroundWork implements BeforeApplicationShutdown {
  private readonly logger = new Logger(BackgroundWork.name);
  private readonly running = new Set<Promise<void>>();

  /** Starts `work` after the current request's handler has returned; `what` names it in the log. */
  run(what: string, work: () => Promise<unknown>): void {
    const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ err: error }, `${what} failed`),
      )
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves once every piece of work started so far (and any it started) is done. */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.all(this.running);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.settled();
  }
}
