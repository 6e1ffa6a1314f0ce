import { OutboxPasses } from './passes';

describe('OutboxPasses', () => {
  it('runs one pass at a time, and one more when asked while running', async () => {
    let calls = 0;
    let release: (() => void) | null = null;
    const passes = new OutboxPasses(async () => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r));
      return true;
    });
    const first = passes.start();
    const second = passes.start();
    const third = passes.start();
    expect(second).toBe(first);
    expect(third).toBe(first);
    release!();
    await first;
    expect(calls).toBe(2);
  });

  it('stops when a pass must wait, and starts afresh on the next call', async () => {
    let calls = 0;
    let release: (() => void) | null = null;
    const passes = new OutboxPasses(async () => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r));
      return false;
    });
    const first = passes.start();
    void passes.start();
    release!();
    await first;
    expect(calls).toBe(1);
    await passes.start();
    expect(calls).toBe(2);
  });
});
