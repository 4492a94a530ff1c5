import { Module } from '@nestjs/common';
import { OrganizationsModule } from '@latchkey/organizations';
import { ExportAuditLogController } from './queries/export-audit-log/export-audit-log.controller';
import { GetAuditLogController } from './queries/get-audit-log/get-audit-log.controller';
import { AuditLogProjection } from './read-models/audit-log/audit-log.projection';
import { AuditLogReadModel } from './read-models/audit-log/audit-log.read-model';

/**
 * The organization-wide audit log: one projection of the identity, organizations and credentials
 * events into entries per organization, the log (`GET /console/v1/audit`) and its export
 * (`GET /console/v1/audit/export`). Downstream of every module it reads; none reads it.
 */
@Module({
  imports: [OrganizationsModule],
  controllers: [GetAuditLogController, ExportAuditLogController],
  providers: [AuditLogProjection, AuditLogReadModel],
})
export class AuditModule {}
