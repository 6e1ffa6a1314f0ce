import { ArgumentsHost, BadRequestException, ForbiddenException, HttpException } from '@nestjs/common';
import { ProblemDetailsFilter, ProblemException, validationProblem } from './problem-details.filter';

function hostFor(url = '/api/v1/x') {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ url, id: 'req-1' }) }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('problem+json for every error', () => {
  const filter = new ProblemDetailsFilter();

  it('shapes a validation problem with its field errors', () => {
    const { host, sent } = hostFor();
    filter.catch(validationProblem([{ field: 'email', message: 'bad', code: 'invalid-email' }]), host);
    expect(sent.status).toBe(400);
    expect(sent.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(sent.body).toEqual({
      type: 'https://coaching-territorial.example.org/problems/validation',
      title: 'Invalid request',
      status: 400,
      code: 'validation',
      detail: 'The request has invalid fields.',
      errors: [{ field: 'email', message: 'bad', code: 'invalid-email' }],
      instance: '/api/v1/x',
      requestId: 'req-1',
    });
  });

  it('keeps the message of Nest exceptions as the detail', () => {
    const { host, sent } = hostFor();
    filter.catch(new ForbiddenException('Not your territory.'), host);
    expect(sent.body).toMatchObject({
      status: 403,
      title: 'Forbidden',
      code: 'forbidden',
      detail: 'Not your territory.',
    });
  });

  it('names the body for a refused body', () => {
    const { host, sent } = hostFor();
    filter.catch(new BadRequestException('Body is not valid JSON'), host);
    expect(sent.body).toMatchObject({
      status: 400,
      code: 'bad-request',
      errors: [{ field: 'body', message: 'Body is not valid JSON', code: 'invalid-body' }],
    });
  });

  it('says nothing about internals for unexpected errors', () => {
    const { host, sent } = hostFor();
    jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    filter.catch(new Error('connection string postgres://secret@db'), host);
    expect(sent.status).toBe(500);
    expect(sent.body).toMatchObject({ code: 'internal' });
    expect(JSON.stringify(sent.body)).not.toMatch(/secret/);
  });

  it('answers 503 with Retry-After when the database is out of reach, 500 for a failing query', () => {
    jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    const down = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      // TypeORM's QueryFailedError keeps the driver's error, here PostgreSQL shutting down.
      Object.assign(new Error('terminating connection due to administrator command'), {
        driverError: Object.assign(new Error('terminating connection'), { code: '57P01' }),
      }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('Connection terminated unexpectedly'),
      // pg, for a statement sent on a connection that broke while idle in a transaction.
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('Client was closed and is not queryable'),
    ];
    for (const error of down) {
      const { host, sent } = hostFor();
      filter.catch(error, host);
      expect([error.message, sent.status, sent.headers['retry-after']]).toEqual([error.message, 503, '5']);
      expect(sent.body).toMatchObject({
        type: expect.stringMatching(/database-unavailable$/),
        status: 503,
        code: 'database-unavailable',
      });
    }
    const { host, sent } = hostFor();
    filter.catch(Object.assign(new Error('duplicate key'), { driverError: { code: '23505' } }), host);
    expect(sent.status).toBe(500);
    expect(sent.headers['retry-after']).toBeUndefined();
  });

  it('keeps custom problem types, their code the last segment of the type', () => {
    const { host, sent } = hostFor();
    filter.catch(new ProblemException(409, 'territory-code-taken', 'Code already used'), host);
    expect(sent.body).toMatchObject({
      type: 'https://coaching-territorial.example.org/problems/territory-code-taken',
      status: 409,
      code: 'territory-code-taken',
    });
  });

  it('carries the parameters of a code, and cuts what they echo of the request', () => {
    const { host, sent } = hostFor();
    const long = 'x'.repeat(1000);
    filter.catch(
      new ProblemException(
        422,
        'csv-invalid',
        'The file has errors',
        undefined,
        [{ field: 'line 2: email', message: 'bad', code: 'invalid-email', params: { value: long, line: 2 } }],
        { count: 1 },
      ),
      host,
    );
    const body = sent.body as { params: unknown; errors: { params: { value: string; line: number } }[] };
    expect(body.params).toEqual({ count: 1 });
    expect(body.errors[0]?.params.line).toBe(2);
    expect(body.errors[0]?.params.value).toHaveLength(301);
  });

  it('gives a status without a code of its own the slug of its title as code', () => {
    for (const [status, code] of [
      [404, 'not-found'],
      [413, 'payload-too-large'],
      [429, 'too-many-requests'],
      [418, 'error'],
    ] as const) {
      const { host, sent } = hostFor();
      filter.catch(new HttpException('x', status), host);
      expect(sent.body).toMatchObject({ status, code });
    }
  });
});
