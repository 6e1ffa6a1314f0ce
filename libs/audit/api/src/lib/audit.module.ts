import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** The audit log's reading side: `GET /audit` for admins. Writing is `writeAudit`, inside each domain. */
@Module({
  controllers: [AuditController],
  providers: [AuditService],
})
export class AuditModule {}
