import { openReadModelDb } from '@latchkey/event-store';
import { appliedEventByEvent, applyEvents, builtFromZero, projectionSpec, recorded, recordStatementCalls } from '@latchkey/event-store/testing';
import { ADMIN, createdEvent, credentialEvent } from '../../testing/credential-events';
import { CREDENTIALS_TABLE, CredentialListProjection } from './credential-list.projection';
import { CredentialListReadModel } from './credential-list.read-model';

const AT = '2026-03-02T00:00:00.000Z';

describe('credential list projection', () => {
  const projection = new CredentialListProjection();
  const row = (db: ReturnType<ReturnType<typeof projectionSpec>['given']>, id: string) =>
    db.prepare(`SELECT * FROM ${CREDENTIALS_TABLE} WHERE credential_id = ?`).get(id);

  it('keeps the last use (app, address, user agent), the uses per app and the address allowlist, without moving the revision', () => {
    const db = projectionSpec(projection).given([
      createdEvent('c1', { allowedAddresses: ['10.0.0.0/8'] }),
      credentialEvent(
        'c1',
        'CredentialUsed',
        { clientId: 'a', lastUsedAt: '2026-03-03T00:00:00.000Z', count: 2, address: '10.0.0.1', userAgent: 'sdk/1' },
        null,
      ),
      credentialEvent(
        'c1',
        'CredentialUsed',
        { clientId: 'b', lastUsedAt: '2026-03-02T12:00:00.000Z', count: 1, address: '10.0.0.2', userAgent: 'curl' },
        null,
      ),
      credentialEvent(
        'c1',
        'CredentialUsed',
        { clientId: 'a', lastUsedAt: '2026-03-03T01:00:00.000Z', count: 3, address: '10.9.9.9', userAgent: 'sdk/2' },
        null,
      ),
      credentialEvent('c1', 'CredentialUseRefused', { clientId: 'a', address: '203.0.113.1', reason: 'address_not_allowed', refusedAt: AT }, null),
      credentialEvent('c1', 'CredentialAllowedAddressesSet', { allowedAddresses: [], previousAllowedAddresses: ['10.0.0.0/8'], changedAt: AT }),
    ]);
    expect(row(db, 'c1')).toMatchObject({
      last_used_at: '2026-03-03T01:00:00.000Z',
      last_used_client_id: 'a',
      last_used_address: '10.9.9.9',
      last_used_user_agent: 'sdk/2',
      allowed_addresses: '[]',
      revision: 1,
    });
    expect(new CredentialListReadModel(db).usedBy('c1')).toEqual([
      { credential_id: 'c1', client_id: 'a', last_used_at: '2026-03-03T01:00:00.000Z', count: 5, position: expect.any(Number) },
      { credential_id: 'c1', client_id: 'b', last_used_at: '2026-03-02T12:00:00.000Z', count: 1, position: expect.any(Number) },
    ]);
  });

  it('stores a created credential, active, at revision 0', () => {
    const db = projectionSpec(projection).given([
      createdEvent('c1', { policy: 'specific', clientIds: ['a', 'b'], expiresAt: '2026-04-01T00:00:00.000Z' }),
    ]);
    expect(row(db, 'c1')).toEqual({
      credential_id: 'c1',
      organization_id: 'org-acme',
      owner_id: 'user-alice',
      owner_email: 'alice@acme.test',
      label: 'Credential c1',
      environment: 'production',
      policy: 'specific',
      client_ids: '["a","b"]',
      pending_client_ids: '[]',
      created_at: '2026-03-01T10:00:00.000Z',
      expires_at: '2026-04-01T00:00:00.000Z',
      revoked_at: null,
      revocation_reason: null,
      deleted_at: null,
      last_used_at: null,
      last_used_client_id: null,
      last_used_address: null,
      last_used_user_agent: null,
      allowed_addresses: '[]',
      status: 'active',
      revision: 0,
      created_position: 1,
    });
  });

  it('follows every change, moving the revision with each change of the credential (uses have their own stream)', () => {
    const db = projectionSpec(projection).given([
      createdEvent('c1', { policy: 'specific', clientIds: ['a'] }),
      credentialEvent('c1', 'CredentialLabelChanged', { label: 'New', previousLabel: 'Credential c1', changedAt: AT }),
      credentialEvent('c1', 'CredentialExpiryChanged', { expiresAt: '2026-03-20T00:00:00.000Z', previousExpiresAt: null, changedAt: AT }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'b', changedAt: AT }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'c', changedAt: AT }),
      credentialEvent('c1', 'CredentialAppDisallowed', { clientId: 'a', changedAt: AT }),
      credentialEvent('c1', 'CredentialUsed', { clientId: 'b', lastUsedAt: '2026-03-03T00:00:00.000Z', count: 2 }, null),
      credentialEvent('c1', 'CredentialUsed', { clientId: 'c', lastUsedAt: '2026-03-02T12:00:00.000Z', count: 1 }, null),
      credentialEvent('c1', 'CredentialRevoked', { reason: 'x', revokedAt: '2026-03-04T00:00:00.000Z' }),
    ]);
    expect(row(db, 'c1')).toMatchObject({
      label: 'New',
      expires_at: '2026-03-20T00:00:00.000Z',
      policy: 'specific',
      client_ids: '["b","c"]',
      last_used_at: '2026-03-03T00:00:00.000Z',
      status: 'revoked',
      revoked_at: '2026-03-04T00:00:00.000Z',
      revocation_reason: 'owner',
      revision: 6,
    });
  });

  it('keeps who or what revoked a credential, inferring it for revocations recorded before the event said so', () => {
    const db = projectionSpec(projection).given([
      createdEvent('c1'),
      createdEvent('c2'),
      createdEvent('c3'),
      createdEvent('c4'),
      createdEvent('c5'),
      credentialEvent('c1', 'CredentialRevoked', { reason: null, revokedAt: AT }, ADMIN),
      credentialEvent('c2', 'CredentialRevoked', { reason: 'Owner removed from the organization', revokedAt: AT }, ADMIN),
      credentialEvent('c3', 'CredentialRevoked', { reason: null, revocationReason: 'policy', revokedAt: AT }, ADMIN),
      credentialEvent('c4', 'CredentialInactivityNoticed', { inactiveSince: AT, revokeAt: AT, noticedAt: AT }, null),
      credentialEvent('c4', 'CredentialRevoked', { reason: null, revocationReason: 'inactive', revokedAt: AT }, null),
    ]);
    expect(['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => row(db, id) as { revocation_reason: string | null; revision: number })).toMatchObject([
      { revocation_reason: 'admin' },
      { revocation_reason: 'member_removed' },
      { revocation_reason: 'policy' },
      { revocation_reason: 'inactive', revision: 2 },
      { revocation_reason: null, revision: 0 },
    ]);
  });

  it('replaces the policy as a whole', () => {
    const db = projectionSpec(projection).given([
      createdEvent('c1'),
      credentialEvent('c1', 'CredentialAllowedAppsSet', { policy: 'specific', clientIds: ['x'], changedAt: AT }),
    ]);
    expect(row(db, 'c1')).toMatchObject({ policy: 'specific', client_ids: '["x"]', revision: 1 });
  });

  it('keeps the apps that wait for approval: pending on creation or addition, active once approved, gone once denied', () => {
    const db = projectionSpec(projection).given([
      createdEvent('c1', { policy: 'specific', clientIds: ['own', 'partner'], pendingClientIds: ['partner'] }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'vendor', pending: true, changedAt: AT }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'own2', changedAt: AT }),
    ]);
    expect(row(db, 'c1')).toMatchObject({ client_ids: '["own","partner","vendor","own2"]', pending_client_ids: '["partner","vendor"]', revision: 2 });
    applyEvents(
      projection,
      recorded([
        createdEvent('c1'),
        credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'vendor', pending: true, changedAt: AT }),
        credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'own2', changedAt: AT }),
        credentialEvent('c1', 'CredentialAppApproved', { clientId: 'partner', requestId: 'r1', approvedAt: AT }),
        credentialEvent('c1', 'CredentialAppDenied', { clientId: 'vendor', requestId: 'r2', deniedAt: AT }),
      ]).slice(3),
      db,
    );
    expect(row(db, 'c1')).toMatchObject({ client_ids: '["own","partner","own2"]', pending_client_ids: '[]', revision: 4 });
    const set = projectionSpec(projection).given([
      createdEvent('c2'),
      credentialEvent('c2', 'CredentialAllowedAppsSet', { policy: 'specific', clientIds: ['partner'], pendingClientIds: ['partner'], changedAt: AT }),
    ]);
    expect(row(set, 'c2')).toMatchObject({ client_ids: '["partner"]', pending_client_ids: '["partner"]' });
  });

  it('writes each credential it changed once a batch, at the end, and leaves the same rows however the events are batched', () => {
    const events = recorded([
      createdEvent('c1'),
      credentialEvent('c1', 'CredentialLabelChanged', { label: 'B', previousLabel: 'Credential c1', changedAt: AT }),
      credentialEvent('c1', 'CredentialAllowedAppsSet', { policy: 'specific', clientIds: ['a'], changedAt: AT }),
      credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'b', changedAt: AT }),
      credentialEvent('c1', 'CredentialUsed', { clientId: 'a', lastUsedAt: AT, count: 1 }, null),
      createdEvent('c2'),
      credentialEvent('c2', 'CredentialRevoked', { reason: 'rotated', revokedAt: AT }),
    ]);
    const all = (db: ReturnType<typeof openReadModelDb>) => db.prepare(`SELECT * FROM ${CREDENTIALS_TABLE} ORDER BY credential_id`).all();

    const batched = new CredentialListProjection();
    const db = openReadModelDb(':memory:');
    batched.setup(db);
    const { calls: writes, restore } = recordStatementCalls(db, (sql) => /^(INSERT|UPDATE)[\s\S]*cred_credentials /.test(sql));
    db.transaction(() => {
      for (const event of events) batched.apply(event as never, db);
      expect(writes).toEqual([]);
      batched.endBatch(db);
    })();
    expect(writes).toHaveLength(2);
    restore();

    expect(all(db)).toEqual(all(appliedEventByEvent(new CredentialListProjection(), events)));
    expect(all(db)).toMatchObject([
      { credential_id: 'c1', label: 'B', client_ids: '["a","b"]', last_used_at: AT, revision: 3 },
      { credential_id: 'c2', status: 'revoked', revision: 1 },
    ]);
  });

  it('built from zero, holds every row until the build ends, then writes each once: the same rows as event by event', () => {
    const events = recorded([
      createdEvent('c2'),
      createdEvent('c1'),
      credentialEvent('c1', 'CredentialLabelChanged', { label: 'B', previousLabel: 'Credential c1', changedAt: AT }),
      credentialEvent('c2', 'CredentialRevoked', { reason: 'rotated', revokedAt: AT }),
      credentialEvent('c1', 'CredentialUsed', { clientId: 'a', lastUsedAt: AT, count: 1 }, null),
      credentialEvent('c1', 'CredentialAllowedAppsSet', { policy: 'specific', clientIds: ['a'], changedAt: AT }),
    ]);
    const all = (db: ReturnType<typeof openReadModelDb>) => db.prepare(`SELECT * FROM ${CREDENTIALS_TABLE} ORDER BY credential_id`).all();
    const db = builtFromZero(new CredentialListProjection(), events, { beforeEndBuild: (held) => expect(all(held)).toEqual([]) });
    expect(all(db)).toEqual(all(appliedEventByEvent(new CredentialListProjection(), events)));
    expect(all(db)).toMatchObject([
      { credential_id: 'c1', label: 'B', client_ids: '["a"]', last_used_at: AT, revision: 2 },
      { credential_id: 'c2', status: 'revoked', revision: 1 },
    ]);
  });

  it('ignores an event applied a second time', () => {
    const db = projectionSpec(projection).given([createdEvent('c1', { policy: 'specific', clientIds: ['a'] })]);
    const [allowed] = recorded([createdEvent('c1'), credentialEvent('c1', 'CredentialAppAllowed', { clientId: 'b', changedAt: AT })]).slice(1);
    applyEvents(projection, [allowed, allowed], db);
    expect(row(db, 'c1')).toMatchObject({ client_ids: '["a","b"]', revision: 1 });
  });

  it('ignores the streams of other modules', () => {
    const db = projectionSpec(projection).given([{ streamName: 'app-1', type: 'CredentialCreated', data: { credentialId: 'zz' } }]);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM ${CREDENTIALS_TABLE}`).get()).toEqual({ n: 0 });
  });

  describe('read model', () => {
    const db = projectionSpec(projection).given([
      createdEvent('c1'),
      createdEvent('c2'),
      createdEvent('c3', { ownerId: 'user-bob', ownerEmail: 'bob@acme.test' }),
      createdEvent('c4'),
      credentialEvent('c2', 'CredentialRevoked', { reason: null, revokedAt: AT }),
      credentialEvent('c4', 'CredentialDeleted', { deletedAt: AT }),
    ]);
    const model = new CredentialListReadModel(db);

    it('lists an owner’s credentials newest first, without deleted ones', () => {
      expect(model.listByOwner('user-alice').items.map((r) => r.credential_id)).toEqual(['c2', 'c1']);
      expect(model.listByOwner('user-bob').items.map((r) => r.credential_id)).toEqual(['c3']);
    });

    it('pages with a cursor', () => {
      const first = model.listByOwner('user-alice', { limit: 1 });
      expect(first.items.map((r) => r.credential_id)).toEqual(['c2']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = model.listByOwner('user-alice', { limit: 1, cursor: first.nextCursor });
      expect(second).toMatchObject({ items: [{ credential_id: 'c1' }], nextCursor: null });
      expect(() => model.listByOwner('user-alice', { cursor: 'bogus' })).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    });

    it('still finds a deleted credential by id, and lists active ones for revocation', () => {
      expect(model.byId('c4')).toMatchObject({ status: 'deleted', deleted_at: AT });
      expect(model.byId('nope')).toBeNull();
      expect(model.activeByOwner('user-alice').map((r) => r.credential_id)).toEqual(['c1']);
    });
  });
});
