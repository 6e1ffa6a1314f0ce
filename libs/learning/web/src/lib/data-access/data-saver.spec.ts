import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DataSaver } from './data-saver';
import { SYNC_USER } from './progress-sync/sync-tokens';

describe('DataSaver', () => {
  const user = signal<string | null>('coach-1');
  let saver: DataSaver;

  beforeEach(() => {
    localStorage.clear();
    user.set('coach-1');
    TestBed.configureTestingModule({ providers: [{ provide: SYNC_USER, useValue: user }] });
    saver = TestBed.inject(DataSaver);
  });
  afterEach(() => {
    delete (navigator as Navigator & { connection?: unknown }).connection;
  });

  it('is off until the coach switches it on, and stays on for that coach on this device', () => {
    expect(saver.on()).toBe(false);
    saver.toggle();
    expect(saver.on()).toBe(true);
    expect(localStorage.getItem('tc-data-saver:coach-1')).toBe('on');
    // A new page (a new service) reads the same choice.
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [{ provide: SYNC_USER, useValue: user }] });
    expect(TestBed.inject(DataSaver).on()).toBe(true);
  });

  it("keeps each coach's choice apart on a shared phone", () => {
    saver.set(true);
    user.set('coach-2');
    expect(saver.on()).toBe(false);
    saver.set(false);
    user.set('coach-1');
    expect(saver.on()).toBe(true);
    user.set(null);
    expect(saver.on()).toBe(false);
    saver.set(true); // nobody signed in: nothing to keep
    expect(Object.keys(localStorage)).toEqual(['tc-data-saver:coach-1', 'tc-data-saver:coach-2']);
  });

  it("follows the browser's Save-Data until the coach chooses", () => {
    Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true });
    expect(saver.on()).toBe(true);
    saver.set(false);
    expect(saver.on()).toBe(false);
  });

  it('follows a change made in another tab', () => {
    expect(saver.on()).toBe(false);
    localStorage.setItem('tc-data-saver:coach-1', 'on');
    window.dispatchEvent(new StorageEvent('storage', { key: 'tc-data-saver:coach-1' }));
    expect(saver.on()).toBe(true);
  });

  it('still works for the visit when storage is refused', () => {
    const setItem = jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    saver.set(true);
    expect(saver.on()).toBe(true);
    setItem.mockRestore();
  });
});
