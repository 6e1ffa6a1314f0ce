import {
  applyDecorators,
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  PROBLEM_CODES,
  type FieldError,
  type ProblemCode,
  type ProblemDetails,
  type ProblemParams,
} from '@tc/shared/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** One field at fault, as the OpenAPI document describes it. */
export class FieldErrorDto implements FieldError {
  @ApiProperty({
    example: 'name.fr',
    description: 'Path of the field (`items[2].email`), a parameter, or `body`',
  })
  field!: string;
  @ApiProperty({
    example: 'name.fr must be shorter than or equal to 200 characters',
    description: "What is wrong, in English; screens say `code` in their reader's language",
  })
  message!: string;
  @ApiProperty({
    enum: PROBLEM_CODES,
    example: 'too-long',
    description: "What is wrong, as a stable code (the same list as the problem's `code`)",
  })
  code!: ProblemCode;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { max: 200 },
    description:
      'What fills the text of `code`: numbers, words or lists of them (`locale` is a language code)',
  })
  params?: ProblemParams;
}

/** RFC 9457 problem details, as the OpenAPI document describes every error. */
export class ProblemDetailsDto implements ProblemDetails {
  @ApiProperty({ example: 'https://coaching-territorial.example.org/problems/validation' }) type!: string;
  @ApiProperty({ example: 'Invalid request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({
    enum: PROBLEM_CODES,
    example: 'validation',
    description: 'What went wrong, as a stable code: the last segment of `type`',
  })
  code!: ProblemCode;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { count: 2 },
    description: 'What fills the text of `code`',
  })
  params?: ProblemParams;
  @ApiPropertyOptional({ description: 'What went wrong, in English (screens say `code` instead)' })
  detail?: string;
  @ApiPropertyOptional({ description: 'The request path' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'The fields at fault (validation problems)' })
  errors?: FieldError[];
  @ApiPropertyOptional({ description: 'Request id, to find the log line' }) requestId?: string;
}

/**
 * Declares the errors of every operation of a controller: any 4xx (and 5xx) is
 * `application/problem+json` shaped as {@link ProblemDetailsDto}.
 */
export const ApiProblemResponses = () =>
  applyDecorators(
    ApiExtraModels(ProblemDetailsDto, FieldErrorDto),
    ApiResponse({
      status: '4XX',
      description: 'A problem (RFC 9457): invalid input names its fields in `errors`',
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
    }),
    ApiResponse({
      status: '5XX',
      description: 'A problem (RFC 9457) that says nothing about internals',
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
    }),
  );

/**
 * An HTTP error whose body is already a problem: its code (also the last segment of its type), an English
 * title and detail, optional field errors and what fills the code's text.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    code: ProblemCode,
    title: string,
    detail?: string,
    errors?: FieldError[],
    params?: ProblemParams,
  ) {
    super({ type: code, title, detail, errors, params }, status);
  }
}

/** How many fields at fault a problem lists: enough to mend a form, never a body the size of the request. */
export const MAX_LISTED_ERRORS = 20;

export function validationProblem(
  errors: FieldError[],
  detail = 'The request has invalid fields.',
): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, 'validation', 'Invalid request', detail, errors);
}

/**
 * A problem's fields at fault as they go out: the first {@link MAX_LISTED_ERRORS}, each cut to
 * {@link MAX_ECHO} characters, and the detail saying how many there were in all.
 */
function boundedErrors(
  detail: string | undefined,
  errors: FieldError[],
): { detail?: string; errors: FieldError[] } {
  const listed = errors.slice(0, MAX_LISTED_ERRORS).map((e): FieldError => ({
    field: echo(e.field),
    message: echo(e.message),
    code: e.code,
    ...(e.params ? { params: echoParams(e.params) } : {}),
  }));
  if (errors.length <= MAX_LISTED_ERRORS) return { ...(detail ? { detail } : {}), errors: listed };
  const count = `${errors.length} problems in all; the first ${MAX_LISTED_ERRORS} are listed.`;
  return { detail: detail ? `${detail} ${count}` : count, errors: listed };
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const TYPE_BASE = 'https://coaching-territorial.example.org/problems/';

/** Characters of a request's path or of a message echoing it that a problem carries back. */
const MAX_ECHO = 300;

/**
 * The request's path, without its query (which may hold an e-mail searched for, or kilobytes of junk),
 * cut to {@link MAX_ECHO} characters: a problem never grows with what it refuses.
 */
export function problemInstance(url: string): string {
  const path = url.split('?', 1)[0] as string;
  return path.length > MAX_ECHO ? `${path.slice(0, MAX_ECHO)}…` : path;
}

function echo(text: string): string {
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text;
}

/** Parameters may echo what was sent (a CSV cell, a slug): each text cut as a message is. */
function echoParams(params: ProblemParams): ProblemParams {
  const out: ProblemParams = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] =
      typeof value === 'string'
        ? echo(value)
        : Array.isArray(value)
          ? value.slice(0, MAX_LISTED_ERRORS).map(echo)
          : value;
  }
  return out;
}

const CODES = new Set<string>(PROBLEM_CODES);

/** Whether a text is one of the codes of {@link PROBLEM_CODES}. */
export function isProblemCode(text: string): text is ProblemCode {
  return CODES.has(text);
}

/** The code of a status that says nothing more precise: the slug of its title (`not-found`). */
function slug(status: number): ProblemCode {
  const code = (TITLES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '-');
  return isProblemCode(code) ? code : 'error';
}

/** The code of a field error naming the body that was refused whole (malformed, too large, wrong type). */
function bodyCode(status: number): ProblemCode {
  return status === 413 ? 'payload-too-large' : status === 415 ? 'unsupported-media-type' : 'invalid-body';
}

/**
 * Fastify's own refusals before any route (and so any Nest filter) runs, a malformed percent-encoding
 * or a path parameter above the router's length limit, as problems naming the path. Given to Fastify as
 * its `frameworkErrors` option.
 */
export function frameworkProblem(
  error: { statusCode?: number; message: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status =
    typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
      ? error.statusCode
      : 400;
  const message = echo(error.message);
  const problem: ProblemDetails = {
    type: TYPE_BASE + slug(status),
    title: TITLES[status] ?? 'Bad request',
    status,
    code: slug(status),
    detail: message,
    errors: [{ field: 'path', message, code: 'invalid-path' }],
    instance: problemInstance(request.url),
    requestId: String(request.id),
  };
  void reply.status(status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}

const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Error codes of a database that is restarting, refusing or dropping connections (not of a bad query). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** pg's errors without a code: a dropped connection, a pool that could not connect in time, a statement refused on a broken connection. */
const UNAVAILABLE_MESSAGES =
  /^Connection terminated|timeout exceeded when trying to connect|^Client (has encountered a connection error|was closed) and is not queryable/;

/**
 * Whether an error says the database is out of reach (TypeORM wraps the driver's error as
 * `driverError`): a refused or dropped connection, an admin or crash shutdown, "cannot connect now", too
 * many connections, or any SQLSTATE of class 08 (connection exception), or pg refusing a statement on a
 * connection that broke before it was sent (it has no code then). Not a failing query.
 */
export function databaseUnavailable(exception: unknown): boolean {
  for (let e = exception, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)))
      return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Turns every error into RFC 9457 `application/problem+json`; unexpected errors say nothing about internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception, request);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: request.id }, 'Unhandled error');
    }
    const headers =
      exception instanceof HttpException
        ? (exception.getResponse() as { headers?: Record<string, string> }).headers
        : undefined;
    if (headers) {
      for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    }
    // The database restarting or out of reach: a moment's unavailability, worth a retry.
    if (problem.status === 503) void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    const base = { instance: problemInstance(request.url), requestId: String(request.id) };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'type' in body && 'title' in body) {
        const b = body as {
          type: ProblemCode;
          title: string;
          detail?: string;
          errors?: FieldError[];
          params?: ProblemParams;
        };
        return {
          type: TYPE_BASE + b.type,
          title: b.title,
          status,
          code: b.type,
          ...(b.params ? { params: echoParams(b.params) } : {}),
          ...(b.errors ? boundedErrors(b.detail, b.errors) : b.detail ? { detail: b.detail } : {}),
          ...base,
        };
      }
      const message =
        typeof body === 'string'
          ? body
          : Array.isArray((body as { message?: unknown }).message)
            ? (body as { message: string[] }).message.join('; ')
            : String((body as { message?: unknown }).message ?? exception.message);
      // A refused body (malformed JSON, too large, wrong media type) names the body as the field at fault.
      const bodyAtFault = status === 400 || status === 413 || status === 415;
      return {
        type: TYPE_BASE + slug(status),
        title: TITLES[status] ?? 'Error',
        status,
        code: slug(status),
        detail: message,
        ...(bodyAtFault ? { errors: [{ field: 'body', message, code: bodyCode(status) }] } : {}),
        ...base,
      };
    }
    // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a statusCode.
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (
      typeof fastifyError?.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      const status = fastifyError.statusCode;
      return {
        type: TYPE_BASE + slug(status),
        title: TITLES[status] ?? 'Bad request',
        status,
        code: slug(status),
        detail: fastifyError.message,
        errors: [
          {
            field: 'body',
            message: fastifyError.message ?? 'The request body was refused.',
            code: bodyCode(status),
          },
        ],
        ...base,
      };
    }
    if (databaseUnavailable(exception)) {
      return {
        type: TYPE_BASE + 'database-unavailable',
        title: TITLES[503] as string,
        status: 503,
        code: 'database-unavailable',
        detail: 'The database is out of reach for a moment. Try again shortly.',
        ...base,
      };
    }
    return {
      type: TYPE_BASE + 'internal',
      title: TITLES[500] as string,
      status: 500,
      code: 'internal',
      detail: 'An unexpected error occurred.',
      ...base,
    };
  }
}
