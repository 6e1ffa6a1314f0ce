import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@tc/shared/contracts';
import { validationProblem } from './problem-details.filter';

/** Flattens class-validator's tree into one entry per field at fault (`name.fr`, `items.2.email`). */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        field,
        message: constraint === 'whitelistValidation' ? `Unknown field "${error.property}"` : message,
      });
    }
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
