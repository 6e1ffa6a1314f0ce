import { Writable } from 'node:stream';
import { createRootLogger, PinoNestLogger } from './logging';

function capture(level: 'info' | 'warn' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')));
      done();
    },
  });
  return { lines, logger: new PinoNestLogger(createRootLogger(level, stream)) };
}

describe('PinoNestLogger (Nest’s Logger calls as pino lines)', () => {
  it('a message with the context Nest appends', () => {
    const { lines, logger } = capture();
    logger.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        context: 'RouterExplorer',
        msg: 'Mapped {/api/health, GET} route',
      }),
    ]);
  });

  it('an object first: its fields, then the message', () => {
    const { lines, logger } = capture();
    logger.warn({ userId: 'u1', seconds: 60 }, 'Sign-in locked', 'SignInLockoutService');
    expect(lines[0]).toEqual(
      expect.objectContaining({
        level: 40,
        userId: 'u1',
        seconds: 60,
        msg: 'Sign-in locked',
        context: 'SignInLockoutService',
      }),
    );
  });

  it('an Error is logged as err with its stack; Nest’s (message, stack, context) too', () => {
    const { lines, logger } = capture();
    logger.error(new Error('boom'), 'Problem');
    const e = new Error('kaput');
    logger.error('kaput', e.stack, 'ExceptionsHandler');
    expect(lines[0]).toEqual(
      expect.objectContaining({
        level: 50,
        context: 'Problem',
        err: expect.objectContaining({ message: 'boom' }),
      }),
    );
    expect(lines[1]).toEqual(
      expect.objectContaining({
        level: 50,
        context: 'ExceptionsHandler',
        err: expect.objectContaining({ message: 'kaput', stack: e.stack }),
      }),
    );
  });

  it('levels below the configured one write nothing', () => {
    const { lines, logger } = capture('warn');
    logger.log('quiet', 'X');
    logger.debug('quieter', 'X');
    logger.warn('heard', 'X');
    expect(lines.map((l) => l['msg'])).toEqual(['heard']);
  });
});
