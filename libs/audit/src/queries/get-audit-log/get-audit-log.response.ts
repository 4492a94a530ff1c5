import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_ENTRY_TYPES } from '../../contracts';

class AuditActorResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

class AuditTargetResponse {
  @ApiProperty({ enum: ['member', 'invitation', 'app', 'user', 'credential'] }) kind!: string;
  @ApiProperty({ description: 'The id of the member, user, invitation, app or credential' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'What to call it: an e-mail address, an app’s name, a credential’s label' })
  label!: string | null;
}

export class AuditEntryResponse {
  @ApiProperty({ description: 'Global position of the event: unique and increasing' }) position!: number;
  @ApiProperty({ enum: AUDIT_ENTRY_TYPES, example: 'credential.revoked' }) type!: string;
  @ApiProperty({ example: 'CredentialRevoked', description: 'The recorded event’s own type (what `type` was before entry types)' })
  eventType!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: AuditActorResponse, nullable: true, description: 'Who did it; null for what no person did (uses, failed logins)' })
  actor!: AuditActorResponse | null;
  @ApiProperty({ type: AuditTargetResponse }) target!: AuditTargetResponse;
  @ApiProperty({ type: String, nullable: true, description: 'The client address of the request (behind `TRUST_PROXY`, the forwarded client)' })
  address!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What happened (ids, names, roles, times) — never a secret' })
  data!: Record<string, unknown>;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryResponse] }) items!: AuditEntryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
