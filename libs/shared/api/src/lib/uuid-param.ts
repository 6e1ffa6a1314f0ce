import { Param, ParseUUIDPipe } from '@nestjs/common';
import { validationProblem } from './problem-details.filter';

/** A path parameter that must be a UUID; anything else is a 400 problem naming the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        validationProblem([{ field: name, message: `${name} must be a UUID`, code: 'invalid-uuid' }]),
    }),
  );
