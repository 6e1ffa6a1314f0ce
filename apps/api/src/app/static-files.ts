import fastifyStatic from '@fastify/static';
import { Logger as NestLogger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants } from 'node:zlib';
import type { AppConfig } from './config';
import { SpaFallbackFilter } from './spa-fallback.filter';

/**
 * Hashed build files never change: cache them for a year. esbuild names them main-AB12CD34.js;
 * the web build's chunk optimizer (rollup) names lazy chunks chunk-Ab1_c-D2.js.
 */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8}\.(js|css|woff2?)$/;

const brotli = promisify(brotliCompress);
/** The compression plugin's threshold: smaller answers go as they are. */
export const MIN_COMPRESSED_BYTES = 1024;
const TYPES: Record<string, string> = {
  // As the static plugin types them, so that an answer does not change type with its quality.
  js: 'application/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/**
 * Hashed scripts and styles compressed once at brotli's best quality (11) and kept in memory. The
 * compression plugin compresses each answer at quality 5, cheap enough per request; 11 takes some 35
 * times the CPU (about a second for main) but sends about 9 % fewer bytes (main: 107 → 98 kB), which
 * a phone on a weak link feels on every first visit. A hashed file never changes under its name, so it
 * is compressed the first time it is asked for, in the background (that answer goes out at quality 5),
 * and served from memory after that: some 800 kB for the whole app. One file at a time, so that the
 * work holds one thread of libuv's pool, which password hashing and file reads also use.
 */
class BestBrotli {
  private readonly ready = new Map<string, Buffer>();
  private readonly pending = new Set<string>();
  /** Files too small to gain (under the compression plugin's threshold): left to it. */
  private readonly small = new Set<string>();
  /** The compressions asked for, one after the other. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly root: string) {}

  /** The file's best brotli, or null while it is being made (then it starts making it). */
  take(name: string): Buffer | null {
    const done = this.ready.get(name);
    if (done) return done;
    if (!this.pending.has(name) && !this.small.has(name)) {
      this.pending.add(name);
      this.queue = this.queue.then(() => this.make(name));
    }
    return null;
  }

  private async make(name: string): Promise<void> {
    try {
      const plain = await readFile(join(this.root, name));
      if (plain.length < MIN_COMPRESSED_BYTES) {
        this.small.add(name);
        return;
      }
      const best = await brotli(plain, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: plain.length,
        },
      });
      this.ready.set(name, best);
    } catch {
      // Not a file of the build (or unreadable): the static plugin answers it as before.
    } finally {
      this.pending.delete(name);
    }
  }
}

/** A top-level hashed script or style of the build, by its URL path. */
const HASHED_FILE_URL = /^\/([A-Za-z0-9_-]+-[A-Za-z0-9_-]{8}\.(js|css))(\?.*)?$/;

/** Whether the request accepts brotli (`br`, not refused with `q=0`). */
function acceptsBrotli(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    if (coding?.trim().toLowerCase() !== 'br') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * The Angular app from the same origin as the API: its files (hashed ones cached for a year, the rest
 * revalidated), `/` and, through the global exception filter, any other page a browser asks for
 * (deep links work on reload) answered with index.html. Without a web build, the API alone. The filter
 * is also the API's problem+json filter (it extends ProblemDetailsFilter), so it is set either way.
 */
export async function serveWebApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const webDist = config.webDist ?? resolve('dist/apps/web/browser');
  const indexPath = join(webDist, 'index.html');
  const indexHtml = existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null;
  app.useGlobalFilters(new SpaFallbackFilter(indexHtml));
  if (indexHtml) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: false,
      // Our cache-control only: @fastify/static's own (public, max-age=0) is set after `setHeaders`
      // and would replace it, so hashed files were never kept.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    const fastify = app.getHttpAdapter().getInstance();
    const best = new BestBrotli(webDist);
    fastify.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || request.headers.range) return;
      const match = HASHED_FILE_URL.exec(request.url);
      if (!match || !acceptsBrotli(request.headers['accept-encoding'])) return;
      const [, name, extension] = match as unknown as [string, string, string];
      const body = best.take(name);
      if (!body) return;
      // The compression plugin leaves an answer that already has its encoding.
      return reply
        .header('content-type', TYPES[extension])
        .header('content-encoding', 'br')
        .header('vary', 'accept-encoding')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(body);
    });
    fastify.get('/', (_req, reply) => {
      void reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(indexHtml);
    });
  } else {
    new NestLogger('Bootstrap').warn(
      `No web build at ${webDist}: serving the API only (run \`npx nx build web\`).`,
    );
  }
}
