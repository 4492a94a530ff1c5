import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
import { AuditFilterDto } from '../../shared/audit-filter.dto';

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `?format=&since=&until=&type=` (and the log's `actorId`, `credentialId`); the times are also checked to parse. */
export class ExportAuditLogDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'ndjson', description: 'One JSON entry per line, or CSV (RFC 4180) with a header row' })
  @IsOmittable()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only entries before this time (ISO 8601 date, or date-time with a time zone)' })
  @IsOmittable()
  @IsString()
  @MaxLength(40)
  until?: string;
}
