import { mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvidenceService } from './evidence.service';
import { UPLOAD_EXPIRY_MS } from './practice.options';
import { TusUploads } from './tus-uploads';

describe('abandoned uploads', () => {
  it('sweeps uploads idle for longer than the expiry, finished or not, and keeps the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-tus-sweep-'));
    const tus = new TusUploads({} as EvidenceService, { evidenceDir: dir, quotaBytes: 1 });
    try {
      const old = (Date.now() - UPLOAD_EXPIRY_MS - 60_000) / 1000;
      const upload = (id: string, idleSeconds: number | null, finished = false) => {
        const files = [join(tus.directory, id), join(tus.directory, `${id}.json`)];
        if (finished) files.push(join(tus.directory, `${id}.evidence`));
        for (const f of files) {
          writeFileSync(f, '{}');
          if (idleSeconds !== null) utimesSync(f, idleSeconds, idleSeconds);
        }
        return files;
      };
      const abandoned = upload('a'.repeat(32), old);
      const finished = upload('b'.repeat(32), old, true);
      const running = upload('c'.repeat(32), null);
      await expect(tus.sweep()).resolves.toBe(2);
      for (const f of [...abandoned, ...finished]) expect(existsSync(f)).toBe(false);
      for (const f of running) expect(existsSync(f)).toBe(true);
    } finally {
      tus.onModuleDestroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
