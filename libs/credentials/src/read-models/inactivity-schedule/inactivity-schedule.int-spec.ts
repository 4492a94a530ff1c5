import { ManualClock } from '@latchkey/building-blocks/testing';
import {
  DeciderExecutor,
  MemoryEventStore,
  openReadModelDb,
  ProjectionRunner,
  ReactorRunner,
  type RecordedEvent,
  ScheduleTable,
  Scheduler,
} from '@latchkey/event-store';
import { appliedEventByEvent, applyEvents, builtFromZero, eventually, recordStatementCalls } from '@latchkey/event-store/testing';
import { DEFAULT_ORGANIZATION_POLICY } from '@latchkey/organizations';
import { credentialStream, credentialUsageStream } from '../../domain/credential/credential.events';
import { NoticeOrRevokeWhenInactive } from '../../reactions/notice-or-revoke-when-inactive.job';
import { INACTIVITY_SCHEDULE, InactivityScheduleProjection } from './inactivity-schedule.projection';

const ORG = 'org-1';
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** One instance: its own read models, schedule and scheduler, over the shared store and clock. */
function instance(store: MemoryEventStore, clock: ManualClock) {
  const db = openReadModelDb(':memory:');
  const projections = new ProjectionRunner(store, db);
  projections.register(new InactivityScheduleProjection());
  const executor = new DeciderExecutor(store, projections, new ReactorRunner(store, db));
  const scheduler = new Scheduler(db, projections, clock, { error: () => undefined });
  scheduler.register(new NoticeOrRevokeWhenInactive(executor, clock));
  return { db, projections, scheduler };
}

async function created(store: MemoryEventStore, id: string, createdAt: number, expiresAt: string | null = null) {
  await store.appendToStream(credentialStream(id), [
    {
      type: 'CredentialCreated',
      data: {
        credentialId: id,
        label: id,
        environment: 'production',
        expiresAt,
        policy: 'organization',
        clientIds: [],
        ownerId: 'u-1',
        ownerEmail: 'u@acme.test',
        ownerEnvironmentUserId: '1001',
        organizationId: ORG,
        createdAt: iso(createdAt),
      },
    },
  ]);
}

async function setDays(store: MemoryEventStore, days: number | null, at: number) {
  const policy = { ...DEFAULT_ORGANIZATION_POLICY, inactiveCredentialRevocationDays: days };
  await store.appendToStream(`organizationPolicy-${ORG}`, [
    { type: 'OrganizationPolicyChanged', data: { organizationId: ORG, policy, previous: DEFAULT_ORGANIZATION_POLICY, changedAt: iso(at) } },
  ]);
}

/** The projection's rows and the schedule's items, in key order. */
const tables = (db: ReturnType<typeof openReadModelDb>) => [
  db.prepare('SELECT * FROM cred_inactivity ORDER BY credential_id').all(),
  db.prepare('SELECT * FROM sched_items ORDER BY key').all(),
];

const ofType = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type);

describe('inactivity schedule (durable scheduler, ManualClock)', () => {
  let store: MemoryEventStore;
  let clock: ManualClock;
  let a: ReturnType<typeof instance>;
  const started: ProjectionRunner[] = [];

  const start = async (i: ReturnType<typeof instance>) => {
    await i.projections.start();
    started.push(i.projections);
    await eventually(() => expect(i.projections.caughtUp).toBe(true));
    return i;
  };
  const head = async () => (await store.readAll()).at(-1)?.position ?? null;
  const settle = async (...is: ReturnType<typeof instance>[]) => {
    const position = await head();
    for (const i of is) await i.projections.waitFor(position);
  };

  beforeEach(async () => {
    store = new MemoryEventStore();
    clock = new ManualClock(T0);
    a = await start(instance(store, clock));
  });
  afterEach(async () => {
    for (const p of started.splice(0)) await p.stop();
  });

  it('gives a notice 7 days before, then revokes with reason inactive, each exactly once', async () => {
    await setDays(store, 30, T0);
    await created(store, 'c1', T0);
    await settle(a);
    expect(ScheduleTable.due(a.db, INACTIVITY_SCHEDULE, iso(T0 + 100 * DAY), 10)).toMatchObject([
      { key: 'c1', dueAt: iso(T0 + 23 * DAY), payload: { action: 'notice' } },
    ]);

    clock.set(T0 + 23 * DAY - 1000);
    expect(await a.scheduler.runDue()).toBe(0);
    clock.set(T0 + 23 * DAY);
    expect(await a.scheduler.runDue()).toBe(1);
    const [notice] = ofType(await store.readStream(credentialStream('c1')), 'CredentialInactivityNoticed');
    expect(notice.data).toEqual({ credentialId: 'c1', inactiveSince: iso(T0), revokeAt: iso(T0 + 30 * DAY), noticedAt: iso(T0 + 23 * DAY) });
    expect(notice.metadata.actor).toBeNull();

    clock.set(T0 + 29 * DAY);
    expect(await a.scheduler.runDue()).toBe(0);
    clock.set(T0 + 30 * DAY);
    expect(await a.scheduler.runDue()).toBe(1);
    clock.set(T0 + 60 * DAY);
    expect(await a.scheduler.runDue()).toBe(0);
    const events = await store.readStream(credentialStream('c1'));
    expect(events.map((e) => e.type)).toEqual(['CredentialCreated', 'CredentialInactivityNoticed', 'CredentialRevoked']);
    expect(events[2].data).toMatchObject({ revocationReason: 'inactive', revokedAt: iso(T0 + 30 * DAY) });
    expect(ScheduleTable.due(a.db, INACTIVITY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toEqual([]);
  });

  it('counts from the last use: a use after the notice starts a new period with a new notice', async () => {
    await setDays(store, 30, T0);
    await created(store, 'c1', T0);
    clock.set(T0 + 23 * DAY);
    await settle(a);
    await a.scheduler.runDue();
    await store.appendToStream(credentialUsageStream('c1'), [
      { type: 'CredentialUsed', data: { credentialId: 'c1', clientId: 'x', lastUsedAt: iso(T0 + 25 * DAY), count: 1 } },
    ]);
    await settle(a);
    clock.set(T0 + 31 * DAY);
    expect(await a.scheduler.runDue()).toBe(0);
    clock.set(T0 + 48 * DAY);
    expect(await a.scheduler.runDue()).toBe(1);
    const notices = ofType(await store.readStream(credentialStream('c1')), 'CredentialInactivityNoticed');
    expect(notices.map((n) => n.data.inactiveSince)).toEqual([iso(T0), iso(T0 + 25 * DAY)]);
    expect(ofType(await store.readStream(credentialStream('c1')), 'CredentialRevoked')).toEqual([]);
  });

  it('never revokes at once when the limit is set or lowered: the notice first, the revocation 7 days after it', async () => {
    await created(store, 'old', T0);
    const change = T0 + 400 * DAY;
    clock.set(change);
    await setDays(store, 90, change);
    await settle(a);
    expect(await a.scheduler.runDue()).toBe(1);
    const [notice] = ofType(await store.readStream(credentialStream('old')), 'CredentialInactivityNoticed');
    expect(notice.data.revokeAt).toBe(iso(change + 7 * DAY));
    clock.set(change + 7 * DAY - 1);
    expect(await a.scheduler.runDue()).toBe(0);
    clock.set(change + 7 * DAY);
    expect(await a.scheduler.runDue()).toBe(1);
    expect(ofType(await store.readStream(credentialStream('old')), 'CredentialRevoked')[0].data.revokedAt).toBe(iso(change + 7 * DAY));
  });

  it('schedules nothing without a limit, for a credential that expires first, or once the limit is removed', async () => {
    await created(store, 'c1', T0);
    await created(store, 'short', T0, iso(T0 + 20 * DAY));
    await settle(a);
    expect(ScheduleTable.due(a.db, INACTIVITY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toEqual([]);
    await setDays(store, 30, T0);
    await settle(a);
    expect(ScheduleTable.due(a.db, INACTIVITY_SCHEDULE, iso(T0 + 1000 * DAY), 10).map((i) => i.key)).toEqual(['c1']);
    await setDays(store, null, T0);
    await settle(a);
    expect(ScheduleTable.due(a.db, INACTIVITY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toEqual([]);
  });

  it('lets two instances run the same due items: each notice and each revocation is recorded once', async () => {
    const b = await start(instance(store, clock));
    await setDays(store, 30, T0);
    for (let i = 0; i < 40; i++) await created(store, `c${i}`, T0);
    await settle(a, b);
    clock.set(T0 + 23 * DAY);
    await Promise.all([a.scheduler.runDue(), b.scheduler.runDue()]);
    clock.set(T0 + 30 * DAY);
    await settle(a, b);
    await Promise.all([a.scheduler.runDue(), b.scheduler.runDue()]);
    await settle(a, b);
    const all = await store.readAll();
    const notices = ofType(all, 'CredentialInactivityNoticed');
    const revocations = ofType(all, 'CredentialRevoked');
    console.log(`two instances: ${notices.length} notices and ${revocations.length} revocations for 40 credentials`);
    expect(new Set(notices.map((e) => e.streamName)).size).toBe(40);
    expect(notices).toHaveLength(40);
    expect(revocations).toHaveLength(40);
    expect(await a.scheduler.runDue()).toBe(0);
  });

  it('plans each credential once per batch, after its events: one schedule write however many events changed it', async () => {
    const fresh = new MemoryEventStore();
    await setDays(fresh, 90, T0);
    await created(fresh, 'c1', T0);
    for (const day of [1, 2, 3]) {
      await fresh.appendToStream(credentialUsageStream('c1'), [
        { type: 'CredentialUsed', data: { credentialId: 'c1', clientId: 'app', lastUsedAt: iso(T0 + day * DAY), count: 1 } },
      ]);
    }
    const events = await fresh.readAll();
    const db = openReadModelDb(':memory:');
    const projection = new InactivityScheduleProjection();
    projection.setup(db);
    const put = jest.spyOn(ScheduleTable, 'put');
    const remove = jest.spyOn(ScheduleTable, 'remove');
    const { calls: rowWrites, restore } = recordStatementCalls(db, (sql) => /^(INSERT|UPDATE|DELETE)[\s\S]*cred_inactivity /.test(sql));
    try {
      db.transaction(() => {
        for (const event of events) projection.apply(event as never, db);
        expect(put).not.toHaveBeenCalled();
        expect(remove).not.toHaveBeenCalled();
        expect(rowWrites).toEqual([]);
        projection.endBatch(db);
      })();
      expect(put).toHaveBeenCalledTimes(1);
      expect(rowWrites).toHaveLength(1);
      restore();
      // Event by event, each its own batch: the same rows and schedule.
      const other = appliedEventByEvent(new InactivityScheduleProjection(), events);
      expect(tables(db)).toEqual(tables(other));
      expect(ScheduleTable.due(db, INACTIVITY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toMatchObject([
        { key: 'c1', dueAt: iso(T0 + 3 * DAY + 83 * DAY) },
      ]);
    } finally {
      put.mockRestore();
      remove.mockRestore();
    }
  });

  it('built from zero, holds its rows and plans until the build ends: the same rows and schedule as event by event', async () => {
    const fresh = new MemoryEventStore();
    await created(fresh, 'c2', T0);
    await created(fresh, 'c1', T0);
    await fresh.appendToStream(credentialUsageStream('c1'), [
      { type: 'CredentialUsed', data: { credentialId: 'c1', clientId: 'app', lastUsedAt: iso(T0 + DAY), count: 1 } },
    ]);
    // A limit set after the credentials, in a later batch than their creation.
    await setDays(fresh, 30, T0);
    await created(fresh, 'c3', T0 + 2 * DAY);
    const events = await fresh.readAll();
    const db = builtFromZero(new InactivityScheduleProjection(), events, { beforeEndBuild: (held) => expect(tables(held)).toEqual([[], []]) });
    expect(tables(db)).toEqual(tables(appliedEventByEvent(new InactivityScheduleProjection(), events)));
    expect(ScheduleTable.due(db, INACTIVITY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toMatchObject([
      { key: 'c2', dueAt: iso(T0 + 23 * DAY) },
      { key: 'c1', dueAt: iso(T0 + 24 * DAY) },
      { key: 'c3', dueAt: iso(T0 + 25 * DAY) },
    ]);
  });

  it('plans a credential created earlier in the same batch as its organization’s new limit', async () => {
    const fresh = new MemoryEventStore();
    await created(fresh, 'c1', T0);
    await setDays(fresh, 30, T0);
    const events = await fresh.readAll();
    const db = openReadModelDb(':memory:');
    const projection = new InactivityScheduleProjection();
    projection.setup(db);
    db.transaction(() => applyEvents(projection, events, db))();
    expect(ScheduleTable.due(db, INACTIVITY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toMatchObject([{ key: 'c1', dueAt: iso(T0 + 23 * DAY) }]);
  });
});
