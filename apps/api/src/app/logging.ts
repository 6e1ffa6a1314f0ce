import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Level, type Logger as Pino } from 'pino';

/** The process's logger: JSON lines on stdout (or `destination`), at the configured level. */
export function createRootLogger(level: Level | 'silent', destination?: DestinationStream): Pino {
  return destination ? pino({ level }, destination) : pino({ level });
}

/**
 * Nest's logger over pino, as one JSON line per call: `context` is the class that logs (Nest appends it
 * as the last parameter), an object first argument becomes the line's fields (`err` for an Error), the
 * next string the message — `logger.log({ userId }, 'Session timed out')`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const rest = [...params];
    if (rest.length && typeof rest[rest.length - 1] === 'string') fields['context'] = rest.pop();
    if (message instanceof Error) fields['err'] = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    else if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n    at ')) {
      // Nest's own handlers call error(message, stack, context).
      const err = new Error(String(message));
      err.stack = rest.shift() as string;
      fields['err'] = err;
    } else rest.unshift(String(message));
    const text = rest.map(String).join(' ');
    if (text) this.pino[level](fields, text);
    else this.pino[level](fields);
  }
}

/**
 * One line per answered request, as `request completed` with the request's id, method and URL, the
 * status and the time taken: no headers at all (tokens, cookies, addresses stay out of the logs).
 * Health probes are not logged. A hook on Fastify rather than a middleware with a per-request child
 * logger: nothing is allocated when the level leaves requests out, and the hot paths keep that cost.
 */
export function logRequests(fastify: FastifyInstance, logger: Pino): void {
  if (!logger.isLevelEnabled('info') && !logger.isLevelEnabled('error')) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    const level: Level = reply.statusCode >= 500 ? 'error' : 'info';
    if (logger.isLevelEnabled(level) && !request.url.startsWith('/api/health')) {
      logger[level](
        {
          req: { id: request.id, method: request.method, url: request.url },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
    }
    done();
  });
}
