import { appliedEventByEvent, applyEvents, builtFromZero, projectionSpec, recorded, recordStatementCalls } from '@latchkey/event-store/testing';
import { createdEvent, credentialEvent } from '../../testing/credential-events';
import { ALLOWLIST_TABLE, AllowlistProjection } from './allowlist.projection';

const AT = '2026-03-02T00:00:00.000Z';

describe('allowlist projection', () => {
  it('keeps the address allowlist of a credential, replaced as a whole', () => {
    const projection = new AllowlistProjection();
    projectionSpec(projection).given([
      createdEvent('c1', { allowedAddresses: ['10.0.0.0/8'] }),
      credentialEvent('c1', 'CredentialAllowedAddressesSet', {
        allowedAddresses: ['2001:db8::/32'],
        previousAllowedAddresses: ['10.0.0.0/8'],
        changedAt: AT,
      }),
    ]);
    expect(projection.allowlistEntry('c1')?.allowedAddresses).toEqual(['2001:db8::/32']);
  });

  it('has an entry per created credential, with epoch-second expiry', () => {
    const projection = new AllowlistProjection();
    projectionSpec(projection).given([
      createdEvent('c1'),
      createdEvent('c2', {
        environment: 'sandbox',
        ownerEnvironmentUserId: '900',
        policy: 'specific',
        clientIds: ['a'],
        expiresAt: '2026-04-01T00:00:00.000Z',
      }),
    ]);
    expect(projection.allowlistEntry('c1')).toEqual({
      credentialId: 'c1',
      status: 'active',
      environment: 'production',
      ownerId: 'user-alice',
      ownerEnvironmentUserId: '100200300',
      organizationId: 'org-acme',
      policy: 'organization',
      clientIds: [],
      expiresAt: null,
      allowedAddresses: [],
    });
    expect(projection.allowlistEntry('c2')).toMatchObject({
      environment: 'sandbox',
      ownerEnvironmentUserId: '900',
      policy: 'specific',
      clientIds: ['a'],
      expiresAt: 1775001600,
    });
    expect(projection.allowlistEntry('unknown')).toBeNull();
  });

  it('follows policy, list, expiry, revocation and deletion', () => {
    const projection = new AllowlistProjection();
    projectionSpec(projection).given([
      createdEvent('c1'),
      createdEvent('c2'),
      credentialEvent('c1', 'CredentialAllowedAppsSet', { policy: 'specific', clientIds: ['a'], changedAt: AT }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'b', changedAt: AT }),
      credentialEvent('c1', 'CredentialAppDisallowed', { clientId: 'a', changedAt: AT }),
      credentialEvent('c1', 'CredentialExpiryChanged', { expiresAt: '2026-03-20T00:00:00.000Z', previousExpiresAt: null, changedAt: AT }),
      credentialEvent('c1', 'CredentialRevoked', { reason: null, revokedAt: AT }),
      credentialEvent('c2', 'CredentialDeleted', { deletedAt: AT }),
    ]);
    expect(projection.allowlistEntry('c1')).toMatchObject({ status: 'revoked', policy: 'specific', clientIds: ['b'], expiresAt: 1773964800 });
    expect(projection.allowlistEntry('c2')).toMatchObject({ status: 'deleted' });
  });

  it('keeps a deleted credential deleted, not revoked, whatever the order', () => {
    const projection = new AllowlistProjection();
    projectionSpec(projection).given([
      createdEvent('c1'),
      credentialEvent('c1', 'CredentialRevoked', { reason: null, revokedAt: AT }),
      credentialEvent('c1', 'CredentialDeleted', { deletedAt: AT }),
    ]);
    expect(projection.allowlistEntry('c1')?.status).toBe('deleted');
  });

  it('does not write for events the token endpoint does not need', () => {
    const projection = new AllowlistProjection();
    const db = projectionSpec(projection).given([createdEvent('c1')]);
    const before = projection.allowlistEntry('c1');
    const [, labelChanged, used] = recorded([
      createdEvent('c1'),
      credentialEvent('c1', 'CredentialLabelChanged', { label: 'x', previousLabel: 'y', changedAt: AT }),
      credentialEvent('c1', 'CredentialUsed', { clientId: 'a', lastUsedAt: AT, count: 1 }),
    ]);
    applyEvents(projection, [labelChanged, used], db);
    expect(projection.allowlistEntry('c1')).toBe(before);
  });

  it('hands out frozen entries that callers cannot corrupt', () => {
    const projection = new AllowlistProjection();
    projectionSpec(projection).given([createdEvent('c1', { policy: 'specific', clientIds: ['a'] })]);
    const entry = projection.allowlistEntry('c1')!;
    expect(() => (entry.clientIds as string[]).push('evil')).toThrow();
    expect(() => ((entry as { status: string }).status = 'revoked')).toThrow();
  });

  it('writes each entry a batch changed once, at the end of the batch, as it stands then', () => {
    const projection = new AllowlistProjection();
    const db = projectionSpec(projection).given([]);
    const batch = recorded([
      createdEvent('c1', { policy: 'specific', clientIds: ['a'] }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'b', changedAt: AT }),
      credentialEvent('c1', 'CredentialRevoked', { reason: null, revokedAt: AT }),
    ]);
    const { calls: writes } = recordStatementCalls(db, (sql) => sql.includes(ALLOWLIST_TABLE) && sql.startsWith('INSERT'));
    for (const event of batch) projection.apply(event as never);
    expect(writes).toEqual([]);
    projection.endBatch(db);
    expect(writes).toHaveLength(1);
    expect(JSON.parse(writes[0].values[1] as string)).toMatchObject({ credentialId: 'c1', clientIds: ['a', 'b'], status: 'revoked' });
    projection.endBatch(db);
    expect(writes).toHaveLength(1);
  });

  it('built from zero, serves every entry from memory and writes each once when the build ends: the same rows as event by event', () => {
    const events = recorded([
      createdEvent('c2'),
      createdEvent('c1', { policy: 'specific', clientIds: ['a'] }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'b', changedAt: AT }),
      credentialEvent('c2', 'CredentialRevoked', { reason: null, revokedAt: AT }),
      credentialEvent('c1', 'CredentialAppDisallowed', { clientId: 'a', changedAt: AT }),
    ]);
    const rows = (db: ReturnType<typeof appliedEventByEvent>) => db.prepare(`SELECT * FROM ${ALLOWLIST_TABLE} ORDER BY credential_id`).all();
    const projection = new AllowlistProjection();
    const db = builtFromZero(projection, events, {
      beforeEndBuild: (held) => {
        expect(rows(held)).toEqual([]);
        expect(projection.allowlistEntry('c1')?.clientIds).toEqual(['b']);
        expect(projection.allowlistEntry('c2')?.status).toBe('revoked');
      },
    });
    expect(rows(db)).toEqual(rows(appliedEventByEvent(new AllowlistProjection(), events)));
    expect(rows(db)).toHaveLength(2);
  });

  it('reloads every entry from its table after a restart, and forgets them on reset', () => {
    const before = new AllowlistProjection();
    const db = projectionSpec(before).given([
      createdEvent('c1', { policy: 'specific', clientIds: ['a', 'b'], expiresAt: '2026-04-01T00:00:00.000Z' }),
      createdEvent('c2'),
      credentialEvent('c2', 'CredentialRevoked', { reason: null, revokedAt: AT }),
    ]);
    const after = new AllowlistProjection();
    after.setup(db);
    expect(after.allowlistEntry('c1')).toBeNull();
    after.load(db);
    expect(after.size).toBe(2);
    expect(after.allowlistEntry('c1')).toEqual(before.allowlistEntry('c1'));
    expect(after.allowlistEntry('c2')).toEqual(before.allowlistEntry('c2'));
    expect(after.allowlistEntry('c2')?.status).toBe('revoked');

    after.reset(db);
    expect(after.allowlistEntry('c1')).toBeNull();
    expect(db.prepare(`SELECT COUNT(*) AS n FROM ${ALLOWLIST_TABLE}`).get()).toEqual({ n: 0 });
  });

  it('keeps the apps that wait for approval, for the token endpoint to refuse them until approved', () => {
    const projection = new AllowlistProjection();
    projectionSpec(projection).given([
      createdEvent('c1', { policy: 'specific', clientIds: ['partner'], pendingClientIds: ['partner'] }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'vendor', pending: true, changedAt: AT }),
    ]);
    expect(projection.allowlistEntry('c1')).toMatchObject({ clientIds: ['partner', 'vendor'], pendingClientIds: ['partner', 'vendor'] });
    const later = new AllowlistProjection();
    projectionSpec(later).given([
      createdEvent('c1', { policy: 'specific', clientIds: ['partner'], pendingClientIds: ['partner'] }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'vendor', pending: true, changedAt: AT }),
      credentialEvent('c1', 'CredentialAppApproved', { clientId: 'partner', requestId: 'r1', approvedAt: AT }),
    ]);
    expect(later.allowlistEntry('c1')).toMatchObject({ clientIds: ['partner', 'vendor'], pendingClientIds: ['vendor'] });
    expect(Object.isFrozen(later.allowlistEntry('c1')!.pendingClientIds)).toBe(true);
    const denied = new AllowlistProjection();
    projectionSpec(denied).given([
      createdEvent('c1', { policy: 'specific', clientIds: ['own', 'partner'], pendingClientIds: ['partner'] }),
      credentialEvent('c1', 'CredentialAppDenied', { clientId: 'partner', requestId: 'r1', deniedAt: AT }),
    ]);
    expect(denied.allowlistEntry('c1')).toEqual(expect.objectContaining({ clientIds: ['own'] }));
    expect(denied.allowlistEntry('c1')!.pendingClientIds).toBeUndefined();
  });
});
