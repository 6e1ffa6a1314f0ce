import { DOCUMENT, Injector, runInInjectionContext } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NARROW_QUERY } from './chart-options';
import { injectNarrow } from './narrow';

describe('injectNarrow', () => {
  afterEach(() => {
    delete (window as { matchMedia?: unknown }).matchMedia;
  });

  it('follows the page as it turns from wide to narrow and back', () => {
    let listener: ((e: { matches: boolean }) => void) | null = null;
    const query = {
      matches: false,
      addEventListener: jest.fn((_: string, l: (e: { matches: boolean }) => void) => (listener = l)),
      removeEventListener: jest.fn(),
    };
    const matchMedia = jest.fn(() => query);
    Object.defineProperty(window, 'matchMedia', { value: matchMedia, configurable: true, writable: true });
    const narrow = TestBed.runInInjectionContext(() => injectNarrow());
    expect(matchMedia).toHaveBeenCalledWith(NARROW_QUERY);
    expect(narrow()).toBe(false);
    listener!({ matches: true });
    expect(narrow()).toBe(true);
    listener!({ matches: false });
    expect(narrow()).toBe(false);
    TestBed.resetTestingModule();
    expect(query.removeEventListener).toHaveBeenCalled();
  });

  it('is wide where there is no window to ask', () => {
    const injector = Injector.create({ providers: [{ provide: DOCUMENT, useValue: { defaultView: null } }] });
    expect(runInInjectionContext(injector, () => injectNarrow())()).toBe(false);
  });
});
