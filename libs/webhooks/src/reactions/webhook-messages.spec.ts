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

  it('sends credential.expiring with the expiry and the days left, and credential.expired', () => {
    const bySystem = (event: RecordedEvent<string, EventData>) => ({ ...event, metadata: { correlationId: 'c1', actor: null } });
    const notice = bySystem(
      recorded('credential-c1', 'CredentialExpiryNoticed', {
        credentialId: 'c1',
        expiresAt: '2026-12-08T10:00:00.000Z',
        daysBefore: 7,
        noticedAt: AT,
      }),
    );
    expect(webhookMessages(notice, lookup)).toEqual([
      {
        type: 'credential.expiring',
        organizationId: 'org-1',
        timestamp: AT,
        data: expect.objectContaining({ credentialId: 'c1', label: 'CI', expiresAt: '2026-12-08T10:00:00.000Z', daysBefore: 7, actor: null }),
      },
    ]);
    const expired = bySystem(
      recorded('credential-c1', 'CredentialExpired', {
        credentialId: 'c1',
        expiredAt: '2026-12-08T10:00:00.000Z',
        recordedAt: '2026-12-08T10:00:04.000Z',
      }),
    );
    expect(webhookMessages(expired, lookup)).toEqual([
      {
        type: 'credential.expired',
        organizationId: 'org-1',
        timestamp: '2026-12-08T10:00:00.000Z',
        data: expect.objectContaining({ credentialId: 'c1', label: 'CI', expiresAt: '2026-12-08T10:00:00.000Z', actor: null }),
      },
    ]);
  });

  it('trusts a type only in its own stream category', () => {
    expect(webhookMessages({ ...tokenCreated, streamName: 'credential-t1' }, lookup)).toEqual([]);
  });

  it('sends credential.request.created, .approved and .denied to the credential’s organization, with the request’s fields', () => {
    const created = recorded('credentialRequest-r1', 'CredentialRequestCreated', {
      requestId: 'r1',
      credentialId: 'c1',
      credentialLabel: 'CI',
      organizationId: 'org-1',
      requester: { userId: 'u-dev', email: 'dev@example.test' },
      clientId: 'prd_partner',
      appName: 'Invoice sync',
      appOrganizationName: 'Partner Inc.',
      justification: 'Nightly invoices',
      createdAt: AT,
    });
    expect(webhookMessages(created, lookup)).toEqual([
      {
        type: 'credential.request.created',
        organizationId: 'org-1',
        timestamp: AT,
        data: {
          requestId: 'r1',
          credentialId: 'c1',
          label: 'CI',
          clientId: 'prd_partner',
          requester: { userId: 'u-dev', email: 'dev@example.test' },
          appName: 'Invoice sync',
          organizationName: 'Partner Inc.',
          justification: 'Nightly invoices',
          actor: { userId: 'u-admin', email: 'admin@example.test' },
        },
      },
    ]);
    const decided = {
      requestId: 'r1',
      credentialId: 'c1',
      organizationId: 'org-1',
      clientId: 'prd_partner',
      decidedBy: { userId: 'u-admin', email: 'admin@example.test' },
      decidedAt: AT,
    };
    expect(
      webhookMessages(recorded('credentialRequest-r1', 'CredentialRequestApproved', { ...decided, note: null, automatic: false }), lookup),
    ).toEqual([
      expect.objectContaining({
        type: 'credential.request.approved',
        data: expect.objectContaining({ requestId: 'r1', note: null, automatic: false }),
      }),
    ]);
    expect(webhookMessages(recorded('credentialRequest-r1', 'CredentialRequestDenied', { ...decided, note: 'No contract' }), lookup)).toEqual([
      expect.objectContaining({
        type: 'credential.request.denied',
        data: expect.objectContaining({ note: 'No contract', decidedBy: decided.decidedBy }),
      }),
    ]);
    // Trusted only in its own stream category, and only for a credential the reactor knows.
    expect(webhookMessages(recorded('credential-r1', 'CredentialRequestDenied', { ...decided, note: 'x' }), lookup)).toEqual([]);
    expect(
      webhookMessages(recorded('credentialRequest-r1', 'CredentialRequestDenied', { ...decided, credentialId: 'c-unknown', note: 'x' }), lookup),
    ).toEqual([]);
  });
});
