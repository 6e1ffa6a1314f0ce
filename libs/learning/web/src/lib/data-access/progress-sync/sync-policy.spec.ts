import { MAX_RETRY_MS, isRetryableStatus, retryDelay } from './sync-policy';

describe('retryDelay (back-off with jitter)', () => {
  it('doubles from 2 s up to a minute, between half and all of the step', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((n) => retryDelay(n, 1))).toEqual([
      2_000,
      4_000,
      8_000,
      16_000,
      32_000,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
    ]);
    expect([1, 2, 3, 6].map((n) => retryDelay(n, 0))).toEqual([1_000, 2_000, 4_000, 30_000]);
    expect(retryDelay(2, 0.5)).toBe(3_000);
  });
});

describe('isRetryableStatus', () => {
  it('retries no answer, a session to renew, timeouts, throttling and server trouble', () => {
    for (const status of [0, 401, 408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(status)).toBe(true);
  });

  it('does not retry what the server would refuse again', () => {
    for (const status of [400, 403, 404, 409, 413, 422]) expect(isRetryableStatus(status)).toBe(false);
  });
});
