import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { constants as zlibConstants } from 'node:zlib';
import { createValidationPipe } from '@tc/shared/api';
import type { AppConfig } from './config';
import { OPENAPI_JSON_PATH } from './openapi';
import { MIN_COMPRESSED_BYTES } from './static-files';

export const API_PREFIX = 'api/v1';

/**
 * The plugins and settings every route relies on, in the order they were always registered:
 * compression (and the one answer it must leave plain), cookies (the refresh token), multipart uploads
 * within the configured size, CORS when origins are configured, the `/api/v1` prefix (health probes
 * outside it) and the validation pipe. The prefix must be set before the OpenAPI document is built
 * (its paths carry it) and all of them before `app.init()` registers the routes.
 */
export async function registerApiPlugins(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // gzip/brotli for what the browser asks (the app's scripts, translations, JSON above 1 kB): a phone
  // on a prepaid plan downloads a quarter of the bytes.
  // Brotli at quality 5: most of the gain of 11 for a fraction of the CPU (assets are compressed per request).
  await app.register(fastifyCompress, {
    threshold: MIN_COMPRESSED_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
    zlibOptions: { level: 6 },
  });
  // @nestjs/swagger's JSON document goes out empty when compressed (it sends its own content-length):
  // that one response stays plain.
  const openApiJson = `/${OPENAPI_JSON_PATH}`;
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.url.startsWith(openApiJson)) request.headers['x-no-compression'] = '1';
    done();
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 5, parts: 6 },
  });
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: true });
  // The issuer's DID document lives where did:web resolution looks for it, outside the prefix.
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['api/health', 'api/health/live', 'api/health/ready', '.well-known/did.json', 'did.json'],
  });
  app.useGlobalPipes(createValidationPipe());
}
