import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@tc/shared/contracts';
import { validationProblem } from './problem-details.filter';

/** Flattens class-validator's tree into one entry per field at fault (`name.fr`, `items.2.email`). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    // Array items read as `modules[1].lessons[0].title`, as publish problems do.
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const messages = Object.entries(error.constraints ?? {}).map(([constraint, message]) =>
      constraint === 'whitelistValidation' ? `Unknown field "${error.property}"` : message,
    );
    // One entry per field, all its broken rules together.
    if (messages.length) out.push({ field, message: messages.join('; ') });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** Strict validation: unknown fields are rejected, values are converted by their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationProblem(flattenValidationErrors(errors)),
  });
}

/** One pipe for every hand validation: building a pipe loads class-validator and class-transformer again. */
let handPipe: ValidationPipe | undefined;

/** Validates a body against a DTO class by hand (when one route accepts two shapes). */
export async function validateBody<T extends object>(cls: new () => T, body: unknown): Promise<T> {
  handPipe ??= createValidationPipe();
  return (await handPipe.transform(body, { type: 'body', metatype: cls })) as T;
}
