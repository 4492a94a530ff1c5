import type { GivenEvent } from '@latchkey/event-store/testing';
import type { CredentialCreated } from '../domain/credential/credential.events';
import { credentialAppsStream, credentialStream, credentialUsageStream } from '../domain/credential/credential.events';

/** Events of credential streams, as projection tests feed them. */
export const ALICE = { userId: 'user-alice', email: 'alice@acme.test' };
export const ADMIN = { userId: 'user-admin', email: 'admin@acme.test' };

export function createdEvent(id: string, data: Partial<CredentialCreated['data']> = {}, actor = ALICE): GivenEvent {
  return {
    streamName: credentialStream(id),
    type: 'CredentialCreated',
    data: {
      credentialId: id,
      label: `Credential ${id}`,
      environment: 'production',
      expiresAt: null,
      policy: 'organization',
      clientIds: [],
      ownerId: ALICE.userId,
      ownerEmail: ALICE.email,
      ownerEnvironmentUserId: '100200300',
      organizationId: 'org-acme',
      createdAt: '2026-03-01T10:00:00.000Z',
      ...data,
    },
    metadata: { correlationId: `c-${id}`, actor },
  };
}

export function credentialEvent(
  id: string,
  type: string,
  data: Record<string, unknown>,
  actor: { userId: string; email: string } | null = ALICE,
): GivenEvent {
  const streamName =
    type === 'CredentialUsed' || type === 'CredentialUseRefused'
      ? credentialUsageStream(id)
      : type === 'CredentialUsedByNewApp'
        ? credentialAppsStream(id)
        : credentialStream(id);
  return { streamName, type, data: { credentialId: id, ...data }, metadata: { correlationId: `c-${id}`, actor } };
}
