import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import type { Logger as Pino } from 'pino';
import { frameworkProblem, installBoundedJsonParser } from '@tc/shared/api';
import type { AppConfig } from './config';
import { logRequests } from './logging';

/**
 * The Fastify server under Nest: how large a body may be, what a malformed request answers, which id a
 * request carries (the caller's `x-request-id` when well-formed, else a new UUID), how it closes.
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    // No Nest middleware in this app (requests are logged by a Fastify hook): no middie on every request.
    skipMiddie: true,
    trustProxy: config.trustProxy,
    // Fastify's default closes every connection, in-flight requests included, as it closes: Node's own
    // close (idle connections only; active ones finish) and `shutdown`'s grace period do it instead.
    forceCloseConnections: false,
    // Course files (import) are the largest JSON bodies; uploads go through multipart with their own limit.
    bodyLimit: 4 * 1024 * 1024,
    // A malformed URL or an over-long path parameter is a problem+json too.
    frameworkErrors: frameworkProblem,
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
      (req as { id?: string }).id = id;
      return id;
    },
  });
}

/**
 * The headers helmet sets with these options, read by running its middleware once. Throws when they
 * depend on the request (helmet did not answer at once), which per-request values such as CSP nonces would.
 */
export function helmetHeaders(options: Parameters<typeof helmet>[0]): Record<string, string> {
  const headers: Record<string, string> = {};
  let finished = false;
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not set its headers at once: they cannot be worked out ahead');
  return headers;
}

/**
 * What every request and answer goes through, installed before any plugin or route. Hooks of one kind
 * run in the order they were added, so this order is kept:
 * 1. the request log line (an `onResponse` hook, see logging.ts);
 * 2. the JSON parser that bounds a body before parsing it, and the CSV parser (text);
 * 3. the answer headers (`onSend`, added before compression's, so it runs first): the request id,
 *    `no-store` on the API unless a route says otherwise, `connection: close` once `isStopping()`
 *    (see shutdown.ts);
 * 4. helmet's security headers, CSP included (`onRequest`): on every answer, errors and files too.
 */
export function hardenHttp(
  app: NestFastifyApplication,
  config: AppConfig,
  log: Pino,
  isStopping: () => boolean,
): void {
  const fastify = app.getHttpAdapter().getInstance();
  logRequests(fastify, log);
  // What a JSON body may hold is bounded before it is parsed: validation's cost grows faster than the body.
  installBoundedJsonParser(fastify);
  // CSV files (cohort enrolment) arrive as text.
  fastify.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    // An API answer is kept by no cache unless its route says otherwise: most name a person, and a
    // shared cache or a phone's back button must not hand them to someone else.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
    // Once shutting down, a keep-alive connection closes after its answer instead of idling open.
    if (isStopping()) void reply.header('connection', 'close');
    done(null, payload);
  });
  // Helmet's headers, worked out once: with these settings they are the same for every request, so
  // each answer gets the finished set instead of running helmet's thirteen middlewares again.
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // Private recordings (voice notes, trainers' voice comments, a draft's takes) play from object
        // URLs: the bytes are fetched with the session's token, never from a public address.
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Behind TLS in production; on http://127.0.0.1 an upgrade would break every asset.
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(securityHeaders);
    done();
  });
}
