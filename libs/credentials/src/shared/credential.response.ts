import { REVOCATION_REASONS, type RevocationReason } from '../domain/credential/credential.events';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CredentialView } from './credential.view';

class AllowedAppResponse {
  @ApiProperty({ example: 'Xc1Kd8aQ2...' }) clientId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Billing sync' }) appName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Acme Inc.' }) organizationName!: string | null;
  @ApiProperty({
    enum: ['active', 'pending_approval'],
    description:
      '`pending_approval`: an app of another organization waiting for a developer_admin to approve its credential request; refused by the token endpoint (`OAU-280`) until then',
  })
  status!: 'active' | 'pending_approval';
}

class AllowedAppsResponse {
  @ApiProperty({
    enum: ['organization', 'specific'],
    description: '`organization`: any app of the owner’s organization; `specific`: only the listed apps',
  })
  type!: 'organization' | 'specific';

  @ApiPropertyOptional({ type: [AllowedAppResponse], description: 'With `specific` only: the allowed apps (never empty)' })
  apps?: AllowedAppResponse[];
}

class LastUseResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The app client that made the request (null for uses recorded before it was kept)' })
  clientId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the app no longer exists' }) appName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7', description: 'The client address, as `TRUST_PROXY` resolves it' })
  address!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The request’s User-Agent, at most 200 characters, control characters removed' })
  userAgent!: string | null;
}

class UsedByResponse {
  @ApiProperty() clientId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the app no longer exists' }) appName!: string | null;
  @ApiProperty({ format: 'date-time' }) lastUsedAt!: string;
  @ApiProperty({ description: 'Token requests (jwt-bearer and refresh) made by the app with the credential' }) count!: number;
}

export class CredentialResponse implements Omit<CredentialView, 'allowedApps'> {
  @ApiProperty({ format: 'uuid', description: 'The credential id, also the JWT’s `jti`' }) id!: string;
  @ApiProperty({ example: 'CI pipeline', description: 'Stored and returned literally (1–100 characters, no control characters)' }) label!: string;
  @ApiProperty({ enum: ['production', 'sandbox'] }) environment!: 'production' | 'sandbox';
  @ApiProperty({
    enum: ['active', 'pending_approval', 'revoked', 'expired'],
    description:
      '`expired` is computed from `expiresAt` at the time of the request; `pending_approval`: every one of its apps waits for a developer_admin’s approval (the token endpoint answers `OAU-280`)',
  })
  status!: 'active' | 'pending_approval' | 'revoked' | 'expired';
  @ApiProperty({ type: AllowedAppsResponse }) allowedApps!: AllowedAppsResponse;
  @ApiProperty() ownerId!: string;
  @ApiProperty() ownerEmail!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Whole seconds; null: never expires' }) expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({
    enum: REVOCATION_REASONS,
    nullable: true,
    description:
      'Who or what revoked the credential: its owner, an admin, the owner’s removal, the policy’s violations action, inactivity, a leak report, or the denial of the only app of a pending credential',
  })
  revocationReason!: RevocationReason | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last token request made with it (recorded in short batches)' })
  lastUsedAt!: string | null;
  @ApiProperty({
    type: [String],
    example: ['203.0.113.0/24'],
    description:
      'Canonical CIDR ranges the token endpoint and refresh accept the credential from (others: `400 invalid_grant`, `OAU-281`); `[]`: any address',
  })
  allowedAddresses!: string[];
  @ApiProperty({
    type: LastUseResponse,
    nullable: true,
    description: 'The last recorded token request made with it (recorded in short batches); null before one',
  })
  lastUsed!: LastUseResponse | null;
  @ApiProperty({ type: [UsedByResponse], description: 'The apps that have used it, most recent first' })
  usedBy!: UsedByResponse[];
  @ApiProperty({ description: 'Revision of the credential (every change and recorded use moves it); also the ETag' }) revision!: number;
}

export class CreatedCredentialResponse {
  @ApiProperty({ type: CredentialResponse }) credential!: CredentialResponse;

  @ApiProperty({
    description:
      'The JWT credential (ES256, header `typ: credential+jwt`; claims `iss`, `aud` = the environment’s token endpoint, `sub` = the owner’s user id in the environment, `jti` = the credential id, `iat`, `exp`). Shown only in this answer: it is never stored.',
  })
  jwt!: string;
}

export class CredentialPage {
  @ApiProperty({ type: [CredentialResponse] }) items!: CredentialResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

class ActorResponse {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

export class HistoryApp {
  @ApiProperty({ example: 'prd_…' }) clientId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Billing sync', description: 'Null once the app is deleted' }) name!: string | null;
}

export class HistoryEntryResponse {
  @ApiProperty({ description: 'Global position of the event: unique and increasing' }) position!: number;
  @ApiProperty({
    example: 'CredentialRevoked',
    description:
      'CredentialCreated, CredentialLabelChanged, CredentialExpiryChanged, CredentialAllowedAppsSet, CredentialAllowedAddressesSet, CredentialAppAllowed, CredentialAppDisallowed, CredentialAppApproved, CredentialAppDenied, CredentialRevoked, CredentialDeleted, CredentialUsed, CredentialUseRefused (a request refused by the address allowlist; at most one a minute), CredentialUsedByNewApp, CredentialInactivityNoticed, CredentialExpiryNoticed or CredentialExpired',
  })
  type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorResponse, nullable: true, description: 'Who did it; null for uses of the credential' }) actor!: ActorResponse | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed (ids, labels, policies, times) — never a secret' })
  data!: Record<string, unknown>;
  @ApiProperty({
    type: HistoryApp,
    nullable: true,
    description: 'The app an entry is about (a use by its client, an app allowed or disallowed), named from the app directory; else null',
  })
  app!: HistoryApp | null;
}

export class HistoryPage {
  @ApiProperty({ type: [HistoryEntryResponse] }) items!: HistoryEntryResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
