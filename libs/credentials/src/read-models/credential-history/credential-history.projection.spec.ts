import { applyEvents, projectionSpec, recorded, recordStatementCalls } from '@latchkey/event-store/testing';
import { ADMIN, ALICE, createdEvent, credentialEvent } from '../../testing/credential-events';
import { CredentialHistoryProjection, HISTORY_TABLE } from './credential-history.projection';
import { CredentialHistoryReadModel } from './credential-history.read-model';

const AT = '2026-03-02T00:00:00.000Z';

describe('credential history projection', () => {
  const given = () =>
    projectionSpec(new CredentialHistoryProjection()).given([
      createdEvent('c1'),
      createdEvent(
        'c2',
        { organizationId: 'org-other', ownerId: 'user-zed', ownerEmail: 'zed@other.test' },
        { userId: 'user-zed', email: 'zed@other.test' },
      ),
      credentialEvent('c1', 'CredentialLabelChanged', { label: 'B', previousLabel: 'Credential c1', changedAt: AT }),
      credentialEvent('c1', 'CredentialUsed', { clientId: 'a', lastUsedAt: '2026-03-03T00:00:00.000Z', count: 4 }, null),
      credentialEvent('c1', 'CredentialRevoked', { reason: 'Owner removed from the organization', revokedAt: '2026-03-04T00:00:00.000Z' }, ADMIN),
      credentialEvent('c1', 'CredentialDeleted', { deletedAt: '2026-03-05T00:00:00.000Z' }, ADMIN),
      createdEvent('c3', { createdAt: '2026-03-06T00:00:00.000Z' }),
    ]);

  it('records every event of a credential with its time, actor and data, oldest first', () => {
    const model = new CredentialHistoryReadModel(given());
    const { items, nextCursor } = model.history('c1');
    expect(nextCursor).toBeNull();
    expect(items.map((e) => [e.position, e.type, e.at, e.actor?.email ?? null])).toEqual([
      [1, 'CredentialCreated', '2026-03-01T10:00:00.000Z', 'alice@acme.test'],
      [3, 'CredentialLabelChanged', AT, 'alice@acme.test'],
      [4, 'CredentialUsed', '2026-03-03T00:00:00.000Z', null],
      [5, 'CredentialRevoked', '2026-03-04T00:00:00.000Z', 'admin@acme.test'],
      [6, 'CredentialDeleted', '2026-03-05T00:00:00.000Z', 'admin@acme.test'],
    ]);
    expect(items[1]).toEqual({
      position: 3,
      type: 'CredentialLabelChanged',
      at: AT,
      actor: { userId: ALICE.userId, email: ALICE.email },
      data: { credentialId: 'c1', label: 'B', previousLabel: 'Credential c1', changedAt: AT },
    });
    expect(items[2].actor).toBeNull();
  });

  it('keeps the history of a deleted credential', () => {
    const model = new CredentialHistoryReadModel(given());
    expect(model.history('c1').items.at(-1)?.type).toBe('CredentialDeleted');
  });

  it('files each event under the credential’s organization', () => {
    const db = given();
    expect(db.prepare(`SELECT DISTINCT credential_id, organization_id FROM ${HISTORY_TABLE} ORDER BY credential_id`).all()).toEqual([
      { credential_id: 'c1', organization_id: 'org-acme' },
      { credential_id: 'c2', organization_id: 'org-other' },
      { credential_id: 'c3', organization_id: 'org-acme' },
    ]);
  });

  it('files a later event under its credential’s organization without the history’s index (dropped during a build from zero)', () => {
    const db = given();
    const projection = new CredentialHistoryProjection();
    expect(projection.deferredIndexes).toEqual([`${HISTORY_TABLE}_by_credential`]);
    for (const index of projection.deferredIndexes) db.exec(`DROP INDEX ${index}`);
    // A restarted instance: nothing remembered, so the organization is looked up.
    const [later] = recorded([credentialEvent('c2', 'CredentialLabelChanged', { label: 'Z', previousLabel: 'Credential c2', changedAt: AT })], 8);
    const { calls: lookups, restore } = recordStatementCalls(db, (sql) => sql.startsWith('SELECT'));
    applyEvents(projection, [later], db);
    restore();
    const plans = lookups.flatMap(({ sql, values }) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((p) => p.detail),
    );
    expect(db.prepare(`SELECT organization_id FROM ${HISTORY_TABLE} WHERE position = 8`).get()).toEqual({ organization_id: 'org-other' });
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.join('\n')).not.toMatch(/SCAN/);
  });

  it('knows the organizations of a history made before they had a table of their own', () => {
    const db = given();
    db.exec('DROP TABLE cred_history_organizations');
    const projection = new CredentialHistoryProjection();
    projection.setup(db);
    const [later] = recorded([credentialEvent('c2', 'CredentialLabelChanged', { label: 'Z', previousLabel: 'Credential c2', changedAt: AT })], 8);
    applyEvents(projection, [later], db);
    expect(db.prepare(`SELECT organization_id FROM ${HISTORY_TABLE} WHERE position = 8`).get()).toEqual({ organization_id: 'org-other' });
  });
});
