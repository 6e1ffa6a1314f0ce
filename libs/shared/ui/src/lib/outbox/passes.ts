/**
 * Runs an outbox's sending passes one at a time. `start()` while a pass runs shares its promise and asks
 * for one more pass after it (something was queued meanwhile); passes stop when one answers false (a
 * send must wait: its retry is planned elsewhere). Each outbox (progress, hand-ins, posts, the field
 * log) keeps its own queue and rules; only this loop is common.
 */
export class OutboxPasses {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly pass: () => Promise<boolean>) {}

  start(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let ok = true;
      do {
        this.again = false;
        ok = await this.pass();
      } while (ok && this.again);
    })().finally(() => (this.running = null));
    return this.running;
  }
}
