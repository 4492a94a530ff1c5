import { IntersectionType } from '@nestjs/swagger';
import { PageQueryDto } from '@latchkey/building-blocks';
import { AuditFilterDto } from '../../shared/audit-filter.dto';

/** `?type=&actorId=&credentialId=&since=` with the page. */
export class GetAuditLogDto extends IntersectionType(AuditFilterDto, PageQueryDto) {}
