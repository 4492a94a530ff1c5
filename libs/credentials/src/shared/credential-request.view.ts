import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CREDENTIAL_REQUEST_STATUSES, type CredentialRequestStatus } from '../domain/credential-request/credential-request.events';
import type { CredentialRequestRow } from '../read-models/credential-requests/credential-requests.projection';

class RequestActorResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
}

/** A credential request as developer_admins see it. */
export class CredentialRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty({ description: 'The credential’s current label' }) credentialLabel!: string;
  @ApiProperty({ type: RequestActorResponse, description: 'The member who added the app' }) requester!: RequestActorResponse;
  @ApiProperty() clientId!: string;
  @ApiProperty({ description: 'The app’s name when the request was made' }) appName!: string;
  @ApiProperty({ description: 'The app’s organization' }) organizationName!: string;
  @ApiProperty({ description: 'Why the requester wants the app to use the credential' }) justification!: string;
  @ApiProperty({ enum: CREDENTIAL_REQUEST_STATUSES }) status!: CredentialRequestStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({
    type: RequestActorResponse,
    description: 'Once decided: the developer_admin who decided (the requester, for a developer_admin’s own request, approved at once)',
  })
  decidedBy?: RequestActorResponse;
  @ApiPropertyOptional({ format: 'date-time' }) decidedAt?: string;
  @ApiPropertyOptional({ description: 'The approval’s note, or the denial’s reason' }) note?: string;
}

export class CredentialRequestPage {
  @ApiProperty({ type: [CredentialRequestResponse] }) items!: CredentialRequestResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export function toCredentialRequestView(row: CredentialRequestRow): CredentialRequestResponse {
  return {
    id: row.request_id,
    credentialId: row.credential_id,
    credentialLabel: row.credential_label,
    requester: { userId: row.requester_id, email: row.requester_email },
    clientId: row.client_id,
    appName: row.app_name,
    organizationName: row.organization_name,
    justification: row.justification,
    status: row.status,
    createdAt: row.created_at,
    ...(row.decided_by_id !== null ? { decidedBy: { userId: row.decided_by_id, email: row.decided_by_email ?? '' } } : {}),
    ...(row.decided_at !== null ? { decidedAt: row.decided_at } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
  };
}
