import fastifyStatic from '@fastify/static';
import { Logger as NestLogger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from './config';
import { SpaFallbackFilter } from './spa-fallback.filter';

/**
 * Hashed build files never change: cache them for a year. esbuild names them main-AB12CD34.js;
 * the web build's chunk optimizer (rollup) names lazy chunks chunk-Ab1_c-D2.js.
 */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8}\.(js|css|woff2?)$/;

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
