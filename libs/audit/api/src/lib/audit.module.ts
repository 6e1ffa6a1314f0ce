import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditContributions } from './audit-contributions';
import { AuditController } from './audit.controller';
import { AuditExportService } from './audit-export.service';
import { AuditService } from './audit.service';

/**
 * The audit log's reading side: `GET /audit` and its file, `GET /audit/export`, for admins. Writing is `writeAudit`, inside each domain.
 * The domains' contributions (their subjects' names, the territory tree) are found among the app's
 * providers at start (see `AuditLabelsProvider`, `AuditTerritoryScopeProvider`).
 */
@Module({
  imports: [DiscoveryModule],
  controllers: [AuditController],
  providers: [AuditService, AuditExportService, AuditContributions],
})
export class AuditModule {}
