import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { ApiProblems, Clock, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { AuditLogReadModel } from '../../read-models/audit-log/audit-log.read-model';
import { auditFilter } from '../../shared/audit-query';
import { EXPORT_CONTENT_TYPES, exportChunks } from './audit-export-format';
import { ExportAuditLogDto } from './export-audit-log.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Audit')
@ApiBearerAuth('session')
@RequireRole('member')
@RequireScope('audit:read')
@Controller('console/v1/audit/export')
export class ExportAuditLogController {
  constructor(
    private readonly log: AuditLogReadModel,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequireRole('developer_admin')
  @ApiOperation({
    summary: 'Download the organization’s audit log, oldest first',
    description:
      'Every matching entry, as NDJSON (one entry per line, as the log shows it) or CSV (RFC 4180, a header row; `data` as JSON; ' +
      "cells starting with `=`, `+`, `-` or `@` are prefixed with `'` so that no spreadsheet runs them). Streamed in constant memory " +
      'as the client reads (`Content-Disposition: attachment`); the entries are those in the log when the export began.',
  })
  @ApiProduces(EXPORT_CONTENT_TYPES.ndjson, EXPORT_CONTENT_TYPES.csv)
  @ApiOkResponse({ description: 'The entries, oldest first.' })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  export(@Member() admin: MembershipView, @Query() query: ExportAuditLogDto): StreamableFile {
    const filter = auditFilter(query);
    const format = query.format ?? 'ndjson';
    const pages = this.log.exportPages(admin.organizationId, filter);
    // A readable of bytes that pulls the next page only when the connection has taken the last one.
    const stream = Readable.from(exportChunks(pages, format), { objectMode: false });
    const day = this.clock.now().toISOString().slice(0, 10);
    return new StreamableFile(stream, {
      type: EXPORT_CONTENT_TYPES[format],
      disposition: `attachment; filename="audit-log-${day}.${format}"`,
    });
  }
}
