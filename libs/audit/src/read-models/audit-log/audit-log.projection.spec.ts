import { openReadModelDb } from '@latchkey/event-store';
import { appliedEventByEvent, applyEvents, projectionSpec, recorded, recordStatementCalls } from '@latchkey/event-store/testing';
import { ADDRESS, ADMIN, at, event, memberJoined, ORG } from '../../testing/audited-events';
import { AuditLogProjection, AUDIT_TABLE, SUBJECTS_TABLE } from './audit-log.projection';
import { type AuditEntry, AuditLogReadModel } from './audit-log.read-model';

const ALICE = { userId: 'user-alice', email: 'alice@acme.test' };
const secretLooking = /hash|secret|token|password/i;

/** Given these events, the organization's log, oldest first. */
function logOf(events: Parameters<ReturnType<typeof projectionSpec>['given']>[0], organizationId = ORG): AuditEntry[] {
  const model = new AuditLogReadModel(projectionSpec(new AuditLogProjection()).given(events));
  return [...model.exportPages(organizationId, {})].flat();
}

describe('audit log projection', () => {
  describe('invitations and members', () => {
    const log = logOf([
      memberJoined(ADMIN.userId, ADMIN.email),
      event('invitation-i1', 'InvitationCreated', {
        invitationId: 'i1',
        organizationId: ORG,
        email: 'alice@acme.test',
        role: 'developer',
        permissions: ['ReadAccounts'],
        tokenHash: 'f'.repeat(64),
        createdAt: at(1),
        expiresAt: at(99),
        invitedBy: ADMIN,
      }),
      memberJoined(ALICE.userId, ALICE.email, ORG, 2),
      event('organization-org-acme', 'MemberUpdated', {
        organizationId: ORG,
        userId: ALICE.userId,
        role: 'developer_admin',
        permissions: [],
        previousRole: 'developer',
        updatedAt: at(3),
      }),
      event('organization-org-acme', 'MemberUpdated', {
        organizationId: ORG,
        userId: ALICE.userId,
        role: 'developer_admin',
        permissions: ['ReadAccounts'],
        previousRole: 'developer_admin',
        updatedAt: at(4),
      }),
      event('invitation-i2', 'InvitationCreated', {
        invitationId: 'i2',
        organizationId: ORG,
        email: 'bob@acme.test',
        role: 'user',
        permissions: [],
        tokenHash: 'e'.repeat(64),
        createdAt: at(5),
        expiresAt: at(99),
      }),
      event('invitation-i2', 'InvitationCancelled', { invitationId: 'i2', reason: 'cancelled_by_admin', cancelledAt: at(6) }),
      event('organization-org-acme', 'MemberRemoved', { organizationId: ORG, userId: ALICE.userId, removedAt: at(7) }),
    ]);

    it('records each as its entry type, about the member or invitation, with the actor and the client address', () => {
      expect(log.map((e) => [e.type, e.eventType, e.target.kind, e.target.id, e.target.label])).toEqual([
        ['member.joined', 'MemberJoined', 'member', ADMIN.userId, ADMIN.email],
        ['member.invited', 'InvitationCreated', 'invitation', 'i1', 'alice@acme.test'],
        ['member.joined', 'MemberJoined', 'member', ALICE.userId, ALICE.email],
        ['member.role_changed', 'MemberUpdated', 'member', ALICE.userId, ALICE.email],
        ['member.permissions_changed', 'MemberUpdated', 'member', ALICE.userId, ALICE.email],
        ['member.invited', 'InvitationCreated', 'invitation', 'i2', 'bob@acme.test'],
        ['member.invitation_cancelled', 'InvitationCancelled', 'invitation', 'i2', 'bob@acme.test'],
        ['member.removed', 'MemberRemoved', 'member', ALICE.userId, ALICE.email],
      ]);
      expect(log[3]).toEqual({
        position: 4,
        type: 'member.role_changed',
        eventType: 'MemberUpdated',
        at: at(3),
        actor: { userId: ADMIN.userId, email: ADMIN.email },
        target: { kind: 'member', id: ALICE.userId, label: ALICE.email },
        address: ADDRESS,
        data: { userId: ALICE.userId, role: 'developer_admin', previousRole: 'developer', permissions: [] },
      });
    });

    it('never copies an invitation’s token hash', () => {
      expect(JSON.stringify(log)).not.toMatch(/fffff|eeeee/);
      expect(log[1].data).toEqual({
        invitationId: 'i1',
        email: 'alice@acme.test',
        role: 'developer',
        permissions: ['ReadAccounts'],
        expiresAt: at(99),
      });
    });
  });

  it('records a service user’s creation as member.service_user_created, by the admin who created it; a person’s join stays member.joined', () => {
    const svc = { userId: 'user-svc', email: 'user-svc@service-users.invalid' };
    const log = logOf([
      memberJoined(ADMIN.userId, ADMIN.email),
      event('organization-org-acme', 'MemberJoined', {
        organizationId: ORG,
        userId: svc.userId,
        email: svc.email,
        name: 'Billing sync',
        role: 'developer',
        permissions: ['ReadAccounts'],
        invitationId: null,
        joinedAt: at(1),
        kind: 'service',
        addedBy: ADMIN.userId,
      }),
    ]);
    expect(log.map((e) => [e.type, e.actor?.userId ?? null, e.target, e.data.kind])).toEqual([
      ['member.joined', ADMIN.userId, { kind: 'member', id: ADMIN.userId, label: ADMIN.email }, 'person'],
      ['member.service_user_created', ADMIN.userId, { kind: 'member', id: svc.userId, label: 'Billing sync' }, 'service'],
    ]);
  });

  describe('apps', () => {
    const log = logOf([
      event('app-a1', 'AppCreated', {
        appId: 'a1',
        organizationId: ORG,
        name: 'Billing',
        scopes: ['ReadAccounts'],
        grantTypes: ['jwt_bearer'],
        environments: ['sandbox'],
        createdAt: at(1),
        createdBy: ADMIN.userId,
      }),
      event('app-a1', 'AppClientCreated', { appId: 'a1', environment: 'sandbox', clientId: 'cid', secretHash: 'd'.repeat(64), createdAt: at(1) }),
      event('app-a1', 'AppUpdated', {
        appId: 'a1',
        organizationId: ORG,
        name: 'Billing 2',
        scopes: [],
        grantTypes: ['jwt_bearer'],
        updatedAt: at(2),
      }),
      event('app-a1', 'AppClientSecretRotated', {
        appId: 'a1',
        environment: 'sandbox',
        clientId: 'cid',
        secretHash: 'c'.repeat(64),
        rotatedAt: at(3),
      }),
      event('app-a1', 'AppDeleted', { appId: 'a1', organizationId: ORG, deletedAt: at(4) }),
    ]);

    it('records creation, change, secret rotation and deletion under the app’s current name, never a secret hash', () => {
      expect(log.map((e) => [e.type, e.target, e.at])).toEqual([
        ['app.created', { kind: 'app', id: 'a1', label: 'Billing' }, at(1)],
        ['app.updated', { kind: 'app', id: 'a1', label: 'Billing 2' }, at(2)],
        ['app.secret_rotated', { kind: 'app', id: 'a1', label: 'Billing 2' }, at(3)],
        ['app.deleted', { kind: 'app', id: 'a1', label: 'Billing 2' }, at(4)],
      ]);
      expect(log[2].data).toEqual({ appId: 'a1', environment: 'sandbox', clientId: 'cid' });
      for (const e of log) expect(Object.keys(e.data).filter((k) => secretLooking.test(k))).toEqual([]);
      expect(JSON.stringify(log)).not.toMatch(/ddddd|ccccc/);
    });
  });

  it('finds what it remembered of a subject in its table after a restart, and a rename made after it', () => {
    const appCreated = event('app-a1', 'AppCreated', {
      appId: 'a1',
      organizationId: ORG,
      name: 'Billing',
      scopes: [],
      grantTypes: ['jwt_bearer'],
      environments: ['sandbox'],
      createdAt: at(1),
      createdBy: ADMIN.userId,
    });
    const renamed = (name: string, n: number) =>
      event('app-a1', 'AppUpdated', { appId: 'a1', organizationId: ORG, name, scopes: [], grantTypes: ['jwt_bearer'], updatedAt: at(n) });
    const db = projectionSpec(new AuditLogProjection()).given([appCreated]);
    // A new instance (a restart) remembers nothing in memory.
    const restarted = new AuditLogProjection();
    const later = recorded([
      appCreated,
      renamed('Billing 2', 2),
      event('app-a1', 'AppDeleted', { appId: 'a1', organizationId: ORG, deletedAt: at(3) }),
    ]).slice(1);
    later.forEach((e, i) => (e.position = 2 + i));
    db.transaction(() => applyEvents(restarted, later, db))();
    const log = [...new AuditLogReadModel(db).exportPages(ORG, {})].flat();
    expect(log.map((e) => [e.type, e.target.label])).toEqual([
      ['app.created', 'Billing'],
      ['app.updated', 'Billing 2'],
      ['app.deleted', 'Billing 2'],
    ]);
  });

  it('writes each subject a batch changed once, at its end, and leaves the same log and subjects however the events are batched', () => {
    const credential = (id: string, label: string) =>
      event(
        `credential-${id}`,
        'CredentialCreated',
        {
          credentialId: id,
          label,
          environment: 'sandbox',
          expiresAt: null,
          policy: 'organization',
          clientIds: [],
          ownerId: ALICE.userId,
          ownerEmail: ALICE.email,
          ownerEnvironmentUserId: '1',
          organizationId: ORG,
          createdAt: at(1),
        },
        ALICE,
      );
    const relabelled = (id: string, label: string, n: number) =>
      event(`credential-${id}`, 'CredentialLabelChanged', { credentialId: id, label, previousLabel: '', changedAt: at(n) }, ALICE);
    const events = recorded([
      credential('c1', 'One'),
      relabelled('c1', 'Two', 2),
      credential('c2', 'Other'),
      relabelled('c1', 'Three', 3),
      event('credential-c1', 'CredentialRevoked', { credentialId: 'c1', reason: null, revokedAt: at(4) }),
    ]);
    const state = (db: ReturnType<typeof openReadModelDb>) => ({
      log: db.prepare(`SELECT * FROM ${AUDIT_TABLE} ORDER BY position`).all(),
      subjects: db.prepare(`SELECT * FROM ${SUBJECTS_TABLE} ORDER BY kind, id`).all(),
    });

    const batched = new AuditLogProjection();
    const db = openReadModelDb(':memory:');
    batched.setup(db);
    const { calls: writes, restore } = recordStatementCalls(db, (sql) => sql.startsWith(`INSERT INTO ${SUBJECTS_TABLE}`));
    db.transaction(() => {
      for (const e of events) batched.apply(e, db);
      expect(writes).toEqual([]);
      batched.endBatch(db);
    })();
    expect(writes.map((w) => w.values)).toEqual([
      ['credential', 'c1', ORG, 'Three'],
      ['credential', 'c2', ORG, 'Other'],
    ]);
    restore();

    expect(state(db)).toEqual(state(appliedEventByEvent(new AuditLogProjection(), events)));
    expect(state(db).log.map((row) => (row as { target_label: string }).target_label)).toEqual(['One', 'Two', 'Other', 'Three', 'Three']);
  });

  describe('sign-ins', () => {
    const log = logOf([
      // A session of a user of no organization yet is filed nowhere.
      event('session-s0', 'SessionStarted', { sessionId: 's0', userId: ALICE.userId, tokenHash: 'b'.repeat(64), expiresAt: at(90) }, ALICE),
      memberJoined(ALICE.userId, ALICE.email, ORG, 1),
      event('session-s1', 'SessionStarted', { sessionId: 's1', userId: ALICE.userId, tokenHash: 'a'.repeat(64), expiresAt: at(99) }, ALICE),
      event('loginFailures-user-alice', 'LoginFailed', { userId: ALICE.userId, count: 3, firstAt: at(2), lastAt: at(3) }, null),
      event('loginFailures-user-alice', 'UserLockedOut', { userId: ALICE.userId, lockedAt: at(4), lockedUntil: at(5) }, null, '198.51.100.1'),
      event('loginFailures-unknown.20260301', 'LoginFailed', { userId: null, count: 9, firstAt: at(2), lastAt: at(3) }, null),
      event('loginFailures-unknown.20260301', 'LoginFailed', { userId: null, count: 999, firstAt: at(2), lastAt: at(3), overflow: true }, null, null),
      event('loginFailures-user-nobody', 'LoginFailed', { userId: 'user-nobody', count: 1, firstAt: at(2), lastAt: at(3) }, null),
    ]);

    it('records a login, batched failures with their count, and a lockout under the user’s organization, never the session’s token hash', () => {
      expect(log.map((e) => [e.type, e.actor?.userId ?? null, e.target, e.address, e.data])).toEqual([
        ['member.joined', ALICE.userId, { kind: 'member', id: ALICE.userId, label: ALICE.email }, ADDRESS, expect.any(Object)],
        [
          'user.login_succeeded',
          ALICE.userId,
          { kind: 'user', id: ALICE.userId, label: ALICE.email },
          ADDRESS,
          { userId: ALICE.userId, sessionId: 's1', expiresAt: at(99) },
        ],
        [
          'user.login_failed',
          null,
          { kind: 'user', id: ALICE.userId, label: ALICE.email },
          ADDRESS,
          { userId: ALICE.userId, count: 3, firstAt: at(2), lastAt: at(3) },
        ],
        [
          'user.locked_out',
          null,
          { kind: 'user', id: ALICE.userId, label: ALICE.email },
          '198.51.100.1',
          { userId: ALICE.userId, lockedUntil: at(5) },
        ],
      ]);
      expect(JSON.stringify(log)).not.toMatch(/aaaaa|bbbbb/);
    });

    it('files failures for addresses without an account, and for users of no organization, nowhere', () => {
      const db = projectionSpec(new AuditLogProjection()).given([
        event('loginFailures-unknown.20260301', 'LoginFailed', { userId: null, count: 9, firstAt: at(2), lastAt: at(3) }, null),
      ]);
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${AUDIT_TABLE}`).get()).toEqual({ n: 0 });
    });
  });

  describe('account security', () => {
    const sealed = { alg: 'A256GCM', keyId: 'dk-x', nonce: 'bm9uY2U', ciphertext: 'c2VlZHNlZWQ', tag: 'dGFn' };
    const log = logOf([
      memberJoined(ALICE.userId, ALICE.email, ORG, 1),
      event(`user-${ALICE.userId}`, 'PasswordChanged', { userId: ALICE.userId, passwordHash: 'scrypt$hash', changedAt: at(2) }, ALICE),
      event(
        `user-${ALICE.userId}`,
        'PasswordResetIssued',
        { userId: ALICE.userId, resetId: 'r1', tokenHash: 'd'.repeat(64), issuedBy: ADMIN.userId, issuedAt: at(3), expiresAt: at(27) },
        ADMIN,
      ),
      event(
        `user-${ALICE.userId}`,
        'PasswordResetCompleted',
        { userId: ALICE.userId, resetId: 'r1', passwordHash: 'scrypt$new', completedAt: at(4) },
        ALICE,
      ),
      event(`user-${ALICE.userId}`, 'TotpEnrollmentStarted', { userId: ALICE.userId, sealedSecret: sealed, startedAt: at(5) }, ALICE),
      event(`user-${ALICE.userId}`, 'TotpEnabled', { userId: ALICE.userId, recoveryCodeHashes: ['c'.repeat(64)], step: 1, enabledAt: at(6) }, ALICE),
      event(`user-${ALICE.userId}`, 'TotpCodeUsed', { userId: ALICE.userId, step: 2, usedAt: at(7) }, ALICE),
      event(`user-${ALICE.userId}`, 'TotpDisabled', { userId: ALICE.userId, disabledAt: at(8) }, ALICE),
      event(`user-${ALICE.userId}`, 'MfaCleared', { userId: ALICE.userId, clearedBy: ADMIN.userId, clearedAt: at(9) }, ADMIN),
    ]);

    it('records password changes, resets issued and used, and two-factor turned on, off and cleared, with nothing secret', () => {
      expect(log.slice(1).map((e) => [e.type, e.actor?.userId, e.target, e.at, e.data])).toEqual([
        ['user.password_changed', ALICE.userId, { kind: 'user', id: ALICE.userId, label: ALICE.email }, at(2), { userId: ALICE.userId }],
        [
          'user.password_reset',
          ADMIN.userId,
          { kind: 'user', id: ALICE.userId, label: ALICE.email },
          at(3),
          { userId: ALICE.userId, stage: 'issued', resetId: 'r1', issuedBy: ADMIN.userId, expiresAt: at(27) },
        ],
        ['user.password_reset', ALICE.userId, expect.any(Object), at(4), { userId: ALICE.userId, stage: 'used', resetId: 'r1' }],
        ['user.mfa_enabled', ALICE.userId, expect.any(Object), at(6), { userId: ALICE.userId, method: 'totp' }],
        ['user.mfa_disabled', ALICE.userId, expect.any(Object), at(8), { userId: ALICE.userId, method: 'totp', clearedBy: null }],
        ['user.mfa_disabled', ADMIN.userId, expect.any(Object), at(9), { userId: ALICE.userId, method: 'totp', clearedBy: ADMIN.userId }],
      ]);
      expect(JSON.stringify(log)).not.toMatch(/scrypt|dddddd|cccccc|c2VlZHNlZWQ/);
    });

    it('trusts these types only on a user stream', () => {
      const forged = logOf([
        memberJoined(ALICE.userId, ALICE.email, ORG, 1),
        event('credential-x', 'PasswordChanged', { userId: ALICE.userId, passwordHash: 'x', changedAt: at(2) }, ALICE),
      ]);
      expect(forged.map((e) => e.type)).toEqual(['member.joined']);
    });
  });

  describe('credentials', () => {
    const created = (id: string, organizationId = ORG) =>
      event(
        `credential-${id}`,
        'CredentialCreated',
        {
          credentialId: id,
          label: `Credential ${id}`,
          environment: 'sandbox',
          expiresAt: null,
          policy: 'organization',
          clientIds: [],
          ownerId: ALICE.userId,
          ownerEmail: ALICE.email,
          ownerEnvironmentUserId: '100000000000001',
          organizationId,
          createdAt: at(1),
        },
        ALICE,
      );
    const log = logOf([
      created('c1'),
      created('c2', 'org-other'),
      event(
        'credential-c1',
        'CredentialLabelChanged',
        { credentialId: 'c1', label: 'Renamed', previousLabel: 'Credential c1', changedAt: at(2) },
        ALICE,
      ),
      event('credential-c1', 'CredentialAppAllowed', { credentialId: 'c1', clientId: 'cid', changedAt: at(3) }, ALICE),
      event('credentialUsage-c1', 'CredentialUsed', { credentialId: 'c1', clientId: 'cid', lastUsedAt: at(4), count: 4 }, null, null),
      event('credential-c1', 'CredentialRevoked', { credentialId: 'c1', reason: 'leaked', revokedAt: at(5) }),
      event('credential-c1', 'CredentialDeleted', { credentialId: 'c1', deletedAt: at(6) }),
      // The same type on a stream of another category is not a credential's.
      event('elsewhere-c1', 'CredentialRevoked', { credentialId: 'c1', reason: null, revokedAt: at(7) }),
    ]);

    it('records every credential event with its dotted type, keeping the event’s own type and data', () => {
      expect(log.map((e) => [e.type, e.eventType, e.target.label, e.actor?.userId ?? null, e.address])).toEqual([
        ['credential.created', 'CredentialCreated', 'Credential c1', ALICE.userId, ADDRESS],
        ['credential.updated', 'CredentialLabelChanged', 'Renamed', ALICE.userId, ADDRESS],
        ['credential.updated', 'CredentialAppAllowed', 'Renamed', ALICE.userId, ADDRESS],
        ['credential.used', 'CredentialUsed', 'Renamed', null, null],
        ['credential.revoked', 'CredentialRevoked', 'Renamed', ADMIN.userId, ADDRESS],
        ['credential.deleted', 'CredentialDeleted', 'Renamed', ADMIN.userId, ADDRESS],
      ]);
      expect(log[4].data).toEqual({ credentialId: 'c1', reason: 'leaked', revokedAt: at(5) });
      expect(log.every((e) => e.target.kind === 'credential' && e.target.id === 'c1')).toBe(true);
    });
  });

  describe('organization policy', () => {
    const policy = {
      maxCredentialLifetimeDays: 90,
      requireExpiry: true,
      organizationWideCredentials: { production: false, sandbox: true },
      thirdPartyApps: 'forbidden',
      inactiveCredentialRevocationDays: 30,
      requireMfa: false,
    };
    const previous = { ...policy, maxCredentialLifetimeDays: null, requireExpiry: false, thirdPartyApps: 'allowed' };

    it('records a change as policy.changed about the organization, with the new and the previous policy', () => {
      const log = logOf([
        event(`organizationPolicy-${ORG}`, 'OrganizationPolicyChanged', { organizationId: ORG, policy, previous, changedAt: at(2), extra: 'x' }),
        event('elsewhere-1', 'OrganizationPolicyChanged', { organizationId: ORG, policy, previous, changedAt: at(3) }),
      ]);
      expect(log.map((e) => [e.type, e.eventType, e.target, e.actor?.userId, e.at])).toEqual([
        ['policy.changed', 'OrganizationPolicyChanged', { kind: 'organization', id: ORG, label: 'Organization policy' }, ADMIN.userId, at(2)],
      ]);
      expect(log[0].data).toEqual({ policy, previous });
    });

    it('records an inactivity notice as credential.inactive, without an actor', () => {
      const log = logOf([
        event('credential-c9', 'CredentialCreated', { credentialId: 'c9', label: 'Idle', organizationId: ORG, createdAt: at(1) }, ALICE),
        event(
          'credential-c9',
          'CredentialInactivityNoticed',
          { credentialId: 'c9', inactiveSince: at(1), revokeAt: at(9), noticedAt: at(2) },
          null,
          null,
        ),
      ]);
      expect(log.map((e) => [e.type, e.target.label, e.actor])).toEqual([
        ['credential.created', 'Idle', ALICE],
        ['credential.inactive', 'Idle', null],
      ]);
    });

    it('records expiry notices as credential.expiring and the expiry as credential.expired, without an actor', () => {
      const log = logOf([
        event(
          'credential-c8',
          'CredentialCreated',
          { credentialId: 'c8', label: 'Short', organizationId: ORG, createdAt: at(1), expiresAt: at(9) },
          ALICE,
        ),
        event('credential-c8', 'CredentialExpiryNoticed', { credentialId: 'c8', expiresAt: at(9), daysBefore: 7, noticedAt: at(2) }, null, null),
        event('credential-c8', 'CredentialExpired', { credentialId: 'c8', expiredAt: at(9), recordedAt: at(9) }, null, null),
      ]);
      expect(log.map((e) => [e.type, e.target.label, e.actor, e.at])).toEqual([
        ['credential.created', 'Short', ALICE, at(1)],
        ['credential.expiring', 'Short', null, at(2)],
        ['credential.expired', 'Short', null, at(9)],
      ]);
      expect(log[1].data).toMatchObject({ expiresAt: at(9), daysBefore: 7 });
    });
  });

  describe('the log', () => {
    const model = new AuditLogReadModel(
      projectionSpec(new AuditLogProjection()).given([
        memberJoined(ADMIN.userId, ADMIN.email, ORG, 0),
        memberJoined('user-zed', 'zed@other.test', 'org-other', 0),
        memberJoined(ALICE.userId, ALICE.email, ORG, 1),
        event('credential-c1', 'CredentialCreated', { credentialId: 'c1', label: 'L', organizationId: ORG, createdAt: at(2) }, ALICE),
        event('credential-c1', 'CredentialRevoked', { credentialId: 'c1', reason: null, revokedAt: at(3) }),
        event('credential-c2', 'CredentialCreated', { credentialId: 'c2', label: 'M', organizationId: ORG, createdAt: at(4) }, ALICE),
      ]),
    );
    const positions = (filter: Parameters<AuditLogReadModel['list']>[1]) => model.list(ORG, filter).items.map((e) => e.position);

    it('lists the organization’s entries newest first, never another organization’s', () => {
      expect(positions({})).toEqual([6, 5, 4, 3, 1]);
      expect(model.list('org-other', {}).items.map((e) => e.position)).toEqual([2]);
    });

    it('filters by entry type, recorded type, actor, credential and time', () => {
      expect(positions({ type: 'credential.revoked' })).toEqual([5]);
      expect(positions({ eventType: 'CredentialRevoked' })).toEqual([5]);
      expect(positions({ type: 'member.joined' })).toEqual([3, 1]);
      expect(positions({ actorId: ALICE.userId })).toEqual([6, 4, 3]);
      expect(positions({ credentialId: 'c1' })).toEqual([5, 4]);
      expect(positions({ since: at(2), until: at(4) })).toEqual([5, 4]);
    });

    it('pages newest first with a cursor', () => {
      const first = model.list(ORG, {}, { limit: 3 });
      expect(first.items.map((e) => e.position)).toEqual([6, 5, 4]);
      expect(model.list(ORG, {}, { limit: 3, cursor: first.nextCursor })).toMatchObject({
        items: [{ position: 3 }, { position: 1 }],
        nextCursor: null,
      });
    });

    it('exports oldest first in pages of a bounded size, filtered', () => {
      expect([...model.exportPages(ORG, {}, 2)].map((page) => page.map((e) => e.position))).toEqual([[1, 3], [4, 5], [6]]);
      expect([...model.exportPages(ORG, { type: 'credential.created' }, 1)].map((page) => page.map((e) => e.position))).toEqual([[4], [6]]);
    });
  });
});
