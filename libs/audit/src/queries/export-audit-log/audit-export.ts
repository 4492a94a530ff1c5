import type { ReadModelDb } from '@latchkey/event-store';
import { AuditLogReadModel } from '../../read-models/audit-log/audit-log.read-model';
import { type AuditQuery, auditFilter } from '../../shared/audit-query';
import { exportChunks } from './audit-export-format';
import type { ExportFormat } from './export-audit-log.dto';

export { EXPORT_FORMATS, type ExportFormat } from './export-audit-log.dto';
export type { AuditQuery } from '../../shared/audit-query';

/** The organization has no entry in this audit log (an unknown id, or read models that never saw it). */
export class AuditOrganizationUnknownError extends Error {
  override readonly name = 'AuditOrganizationUnknownError';
}

/**
 * An organization's audit log from a read-model database, as `GET /console/v1/audit/export` sends
 * it (same filters, same lines), for the operator command, which opens a server's read models
 * read-only. A bad filter throws the same `VALIDATION_FAILED` error as the route.
 */
export function auditExport(db: ReadModelDb, organizationId: string, query: AuditQuery, format: ExportFormat): AsyncGenerator<string> {
  const filter = auditFilter(query);
  const log = new AuditLogReadModel(db);
  if (!log.hasOrganization(organizationId)) throw new AuditOrganizationUnknownError(`The audit log holds no organization ${organizationId}`);
  return exportChunks(log.exportPages(organizationId, filter), format);
}
