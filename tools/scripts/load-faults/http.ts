/**
 * HTTP to the API through nginx, measured when asked (the progress requests of the load): count,
 * latencies and failures by kind; and a small pool that runs async work a few at a time.
 */

/** What the measured requests gave: every latency (ms), the failures by kind, the count. */
export const measured = {
  latencies: [] as number[],
  errors: new Map<string, number>(),
  requests: 0,
};

function countError(kind: string): void {
  measured.errors.set(kind, (measured.errors.get(kind) ?? 0) + 1);
}

export interface Answer<T> {
  status: number;
  body: T | null;
}

export async function http<T>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; csv?: string; measure?: boolean } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = options.csv;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const started = performance.now();
  let status = 0;
  let parsed: T | null = null;
  try {
    const res = await fetch(`${base}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    status = res.status;
    const text = await res.text();
    parsed =
      text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as T) : null;
  } catch (error: unknown) {
    status = 0;
    if (options.measure)
      countError(
        error instanceof Error && error.name === 'TimeoutError' ? 'timeout (30 s)' : 'network error',
      );
  }
  if (options.measure) {
    measured.requests++;
    measured.latencies.push(performance.now() - started);
    if (status !== 0 && (status < 200 || status > 299)) countError(`HTTP ${status}`);
  }
  return { status, body: parsed };
}

export async function pool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i] as T, i);
      }
    }),
  );
  return out;
}
