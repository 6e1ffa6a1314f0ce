import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir } from './embedded-postgres';

describe('data folder lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tc-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records the holder and releases the lock', () => {
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'tc.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'tc.lock'))).toBe(false);
  });

  it('refuses while another live process holds it, naming that process', () => {
    writeFileSync(join(dir, 'tc.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`already in use by process ${process.ppid}`));
  });

  it('takes over a lock left by a process that died', () => {
    writeFileSync(join(dir, 'tc.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'tc.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
