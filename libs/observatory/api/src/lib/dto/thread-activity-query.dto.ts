import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { ThreadActivityQuery } from '@tc/shared/contracts';

export class ThreadActivityQueryDto implements ThreadActivityQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the top of your scope' })
  @IsOptional()
  @IsUUID()
  territoryId?: string;
}
