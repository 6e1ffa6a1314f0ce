import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditPage } from '@tc/shared/contracts';
import { AuthPrincipal, CurrentUser, Roles, ApiProblemResponses, ApiContractResponse } from '@tc/shared/api';
import { AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

/** The append-only audit log, for admins (regional admins: their territories' entries). */
@ApiProblemResponses()
@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiContractResponse('AuditPage', { description: 'Newest first; follow nextCursor for older entries' })
  list(@CurrentUser() principal: AuthPrincipal, @Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(principal, query);
  }
}
