import { createHash } from 'node:crypto';
import { type Environment } from '@latchkey/building-blocks';
import type { DomainEvent } from '@latchkey/event-store';

/**
 * A Platform API account is an organization seen from one environment. Its name starts as the
 * organization's name; renaming it (PUT /account/~) is recorded in `platformAccount-<orgId>_<env>`.
 */
export const PLATFORM_ACCOUNT_STREAM_PREFIX = 'platformAccount-';
export const platformAccountStream = (organizationId: string, environment: Environment): string =>
  `${PLATFORM_ACCOUNT_STREAM_PREFIX}${organizationId}_${environment}`;

/**
 * The account id: stable, numeric like RingCentral's, derived from the organization and the
 * environment (so the two environments' accounts of one organization differ, and no write is
 * needed to know it).
 */
export function platformAccountId(organizationId: string, environment: Environment): string {
  const digest = createHash('sha256').update(`latchkey-account:${environment}:${organizationId}`).digest();
  return String(digest.readUIntBE(0, 6) + 1_000_000_000_000_000);
}

export type PlatformAccountRenamedData = {
  accountId: string;
  organizationId: string;
  environment: Environment;
  name: string;
  at: string;
};

export type PlatformAccountRenamed = DomainEvent<'PlatformAccountRenamed', PlatformAccountRenamedData>;
export type PlatformAccountEvent = PlatformAccountRenamed;
