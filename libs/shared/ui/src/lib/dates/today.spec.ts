import { today } from './today';

describe('today', () => {
  afterEach(() => jest.useRealTimers());

  it('is the local calendar day, zero-padded', () => {
    expect(today(new Date(2026, 0, 5, 0, 0))).toBe('2026-01-05');
    expect(today(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });

  it('is the day of the clock when not told', () => {
    jest.useFakeTimers().setSystemTime(new Date(2026, 1, 3, 12, 0));
    expect(today()).toBe('2026-02-03');
  });
});
