import type { EventData, RecordedEvent } from '@latchkey/event-store';
import type { Subject } from '../read-models/webhooks/webhook-endpoints.read-model';
import { subjectOf } from '../read-models/webhooks/webhook-subjects';
import { webhookMessages } from './webhook-messages';

const AT = '2026-12-05T10:00:00.000Z';
const recorded = (streamName: string, type: string, data: EventData): RecordedEvent<string, EventData> => ({
  id: 'e1',
  streamName,
  type,
  revision: 0,
  position: 1,
  data,
  metadata: { correlationId: 'c1', actor: { userId: 'u-admin', email: 'admin@example.test' } },
  createdAt: AT,
});

const tokenCreated = recorded('apiToken-t1', 'ApiTokenCreated', {
  tokenId: 't1',
  ownerId: 'u1',
  organizationId: 'org-1',
  name: 'deploys',
  scopes: ['credentials:write'],
  tokenHash: 'a-hash-that-must-never-travel',
  createdAt: AT,
  expiresAt: '2027-03-05T00:00:00.000Z',
});

describe('webhook messages', () => {
  const subjects = new Map<string, Subject>();
  const lookup = (kind: string, id: string) => subjects.get(`${kind}:${id}`) ?? null;
  beforeAll(() => {
    const token = subjectOf(tokenCreated)!;
    subjects.set(`${token.kind}:${token.id}`, { organizationId: token.organizationId, label: token.label, details: token.details });
    subjects.set('credential:c1', { organizationId: 'org-1', label: 'CI', details: { environment: 'production' } });
  });

  it('sends api_token.created with the token’s name, owner, scopes and expiry, never its hash', () => {
    const [message] = webhookMessages(tokenCreated, lookup);
    expect(message).toEqual({
      type: 'api_token.created',
      organizationId: 'org-1',
      timestamp: AT,
      data: {
        tokenId: 't1',
        name: 'deploys',
        ownerId: 'u1',
        scopes: ['credentials:write'],
        expiresAt: '2027-03-05T00:00:00.000Z',
        actor: { userId: 'u-admin', email: 'admin@example.test' },
      },
    });
    expect(JSON.stringify(message)).not.toContain('a-hash');
  });

  it('sends credential.used_by_new_app from the first use recorded in the credential’s apps stream only', () => {
    const firstUse = recorded('credentialApps-c1', 'CredentialUsedByNewApp', { credentialId: 'c1', clientId: 'prd_app', firstUsedAt: AT });
    expect(webhookMessages({ ...firstUse, metadata: { correlationId: 'c1', actor: null } }, lookup)).toEqual([
      {
        type: 'credential.used_by_new_app',
        organizationId: 'org-1',
        timestamp: AT,
        data: { credentialId: 'c1', label: 'CI', environment: 'production', actor: null, clientId: 'prd_app', firstUsedAt: AT },
      },
    ]);
    expect(webhookMessages({ ...firstUse, streamName: 'credentialUsage-c1' }, lookup)).toEqual([]);
  });

  it('sends credential.updated when the address allowlist changes', () => {
    const set = recorded('credential-c1', 'CredentialAllowedAddressesSet', {
      credentialId: 'c1',
      allowedAddresses: ['10.0.0.0/8'],
      previousAllowedAddresses: [],
      changedAt: AT,
    });
    expect(webhookMessages(set, lookup)).toEqual([
      expect.objectContaining({
        type: 'credential.updated',
        data: expect.objectContaining({ changes: { allowedAddresses: ['10.0.0.0/8'], previousAllowedAddresses: [] } }),
      }),
    ]);
  });

  it('sends api_token.revoked to the organization recorded when the token was created', () => {
    const revoked = recorded('apiToken-t1', 'ApiTokenRevoked', { tokenId: 't1', ownerId: 'u1', revokedAt: AT });
    expect(webhookMessages(revoked, lookup)).toEqual([
      expect.objectContaining({
        type: 'api_token.revoked',
        organizationId: 'org-1',
        data: expect.objectContaining({ tokenId: 't1', name: 'deploys' }),
      }),
    ]);
    expect(webhookMessages(recorded('apiToken-t9', 'ApiTokenRevoked', { tokenId: 't9', ownerId: 'u1', revokedAt: AT }), lookup)).toEqual([]);
  });

  it('sends credential.inactive when a credential gets its inactivity notice', () => {
    const notice = recorded('credential-c1', 'CredentialInactivityNoticed', {
      credentialId: 'c1',
      inactiveSince: '2026-11-01T00:00:00.000Z',
      revokeAt: '2026-12-12T10:00:00.000Z',
      noticedAt: AT,
    });
    expect(webhookMessages(notice, lookup)).toEqual([
      expect.objectContaining({
        type: 'credential.inactive',
        organizationId: 'org-1',
        data: expect.objectContaining({ credentialId: 'c1', label: 'CI', revokeAt: '2026-12-12T10:00:00.000Z' }),
      }),
    ]);
  });

  it('trusts a type only in its own stream category', () => {
    expect(webhookMessages({ ...tokenCreated, streamName: 'credential-t1' }, lookup)).toEqual([]);
  });
});
