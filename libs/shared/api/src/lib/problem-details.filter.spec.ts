import { ArgumentsHost, BadRequestException, ForbiddenException } from '@nestjs/common';
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
    filter.catch(validationProblem([{ field: 'email', message: 'bad' }]), host);
    expect(sent.status).toBe(400);
    expect(sent.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(sent.body).toEqual({
      type: 'https://coaching-territorial.example.org/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'The request has invalid fields.',
      errors: [{ field: 'email', message: 'bad' }],
      instance: '/api/v1/x',
      requestId: 'req-1',
    });
  });

  it('keeps the message of Nest exceptions as the detail', () => {
    const { host, sent } = hostFor();
    filter.catch(new ForbiddenException('Not your territory.'), host);
    expect(sent.body).toMatchObject({ status: 403, title: 'Forbidden', detail: 'Not your territory.' });
  });

  it('names the body for a refused body', () => {
    const { host, sent } = hostFor();
    filter.catch(new BadRequestException('Body is not valid JSON'), host);
    expect(sent.body).toMatchObject({
      status: 400,
      errors: [{ field: 'body', message: 'Body is not valid JSON' }],
    });
  });

  it('says nothing about internals for unexpected errors', () => {
    const { host, sent } = hostFor();
    jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    filter.catch(new Error('connection string postgres://secret@db'), host);
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toMatch(/secret/);
  });

  it('keeps custom problem types', () => {
    const { host, sent } = hostFor();
    filter.catch(new ProblemException(409, 'territory-code-taken', 'Code already used'), host);
    expect(sent.body).toMatchObject({
      type: 'https://coaching-territorial.example.org/problems/territory-code-taken',
      status: 409,
    });
  });
});
