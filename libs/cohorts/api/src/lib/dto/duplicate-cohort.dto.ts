import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { DuplicateCohortRequest } from '@tc/shared/contracts';

export class DuplicateCohortDto implements DuplicateCohortRequest {
  /** The copy's name, in the trainer's language; "<name> (copie)" when left out. */
  @ApiPropertyOptional({ maxLength: 160 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(160)
  name?: string;
}
