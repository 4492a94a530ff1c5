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
import { appliedEventByEvent, builtFromZero, eventually, recordStatementCalls } from '@latchkey/event-store/testing';
import { credentialStream } from '../../domain/credential/credential.events';
import { NoticeExpiry } from '../../reactions/notice-expiry.job';
import { EXPIRY_SCHEDULE, ExpiryScheduleProjection } from './expiry-schedule.projection';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** One instance: its own read models, schedule and scheduler, over the shared store and clock. */
function instance(store: MemoryEventStore, clock: ManualClock) {
  const db = openReadModelDb(':memory:');
  const projections = new ProjectionRunner(store, db);
  projections.register(new ExpiryScheduleProjection());
  const executor = new DeciderExecutor(store, projections, new ReactorRunner(store, db));
  const scheduler = new Scheduler(db, projections, clock, { error: () => undefined });
  scheduler.register(new NoticeExpiry(executor, clock));
  return { db, projections, scheduler };
}

async function created(store: MemoryEventStore, id: string, expiresAt: string | null) {
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
        organizationId: 'org-1',
        createdAt: iso(T0),
      },
    },
  ]);
}

/** The projection's rows and the schedule's items, in key order. */
const tables = (db: ReturnType<typeof openReadModelDb>) => [
  db.prepare('SELECT * FROM cred_expiry ORDER BY credential_id').all(),
  db.prepare('SELECT * FROM sched_items ORDER BY key').all(),
];

const ofType = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type);

describe('expiry schedule (durable scheduler, ManualClock)', () => {
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
  const types = async (id: string) => (await store.readStream(credentialStream(id))).map((e) => e.type);

  beforeEach(async () => {
    store = new MemoryEventStore();
    clock = new ManualClock(T0);
    a = await start(instance(store, clock));
  });
  afterEach(async () => {
    for (const p of started.splice(0)) await p.stop();
  });

  it('gives the 7-day notice, the 1-day notice and records the expiry, each exactly once and not before its time', async () => {
    const expiresAt = T0 + 30 * DAY;
    await created(store, 'c1', iso(expiresAt));
    await settle(a);
    expect(ScheduleTable.due(a.db, EXPIRY_SCHEDULE, iso(T0 + 100 * DAY), 10)).toMatchObject([
      { key: 'c1', dueAt: iso(expiresAt - 7 * DAY), payload: { expiresAt: iso(expiresAt) } },
    ]);

    clock.set(expiresAt - 7 * DAY - 1000);
    expect(await a.scheduler.runDue()).toBe(0);
    clock.set(expiresAt - 7 * DAY);
    expect(await a.scheduler.runDue()).toBe(1);
    const [week] = ofType(await store.readStream(credentialStream('c1')), 'CredentialExpiryNoticed');
    expect(week.data).toEqual({ credentialId: 'c1', expiresAt: iso(expiresAt), daysBefore: 7, noticedAt: iso(expiresAt - 7 * DAY) });
    expect(week.metadata.actor).toBeNull();

    clock.set(expiresAt - DAY - 1000);
    expect(await a.scheduler.runDue()).toBe(0);
    clock.set(expiresAt - DAY);
    expect(await a.scheduler.runDue()).toBe(1);
    clock.set(expiresAt);
    expect(await a.scheduler.runDue()).toBe(1);
    clock.set(expiresAt + 60 * DAY);
    expect(await a.scheduler.runDue()).toBe(0);

    const events = await store.readStream(credentialStream('c1'));
    expect(events.map((e) => e.type)).toEqual(['CredentialCreated', 'CredentialExpiryNoticed', 'CredentialExpiryNoticed', 'CredentialExpired']);
    expect(events[2].data).toMatchObject({ daysBefore: 1, noticedAt: iso(expiresAt - DAY) });
    expect(events[3].data).toEqual({ credentialId: 'c1', expiredAt: iso(expiresAt), recordedAt: iso(expiresAt) });
    expect(ScheduleTable.due(a.db, EXPIRY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toEqual([]);
  });

  it('gives a changed expiry its own notices, and none for the one it replaced', async () => {
    const first = T0 + 30 * DAY;
    const second = T0 + 25 * DAY;
    await created(store, 'c1', iso(first));
    clock.set(first - 7 * DAY);
    await settle(a);
    await a.scheduler.runDue();
    await store.appendToStream(credentialStream('c1'), [
      {
        type: 'CredentialExpiryChanged',
        data: { credentialId: 'c1', expiresAt: iso(second), previousExpiresAt: iso(first), changedAt: iso(first - 7 * DAY) },
      },
    ]);
    await settle(a);
    expect(await a.scheduler.runDue()).toBe(1);
    const notices = ofType(await store.readStream(credentialStream('c1')), 'CredentialExpiryNoticed');
    expect(notices.map((n) => [n.data.expiresAt, n.data.daysBefore])).toEqual([
      [iso(first), 7],
      [iso(second), 7],
    ]);
  });

  it('schedules nothing for a credential that never expires, and takes out revoked and deleted ones', async () => {
    await created(store, 'never', null);
    await created(store, 'revoked', iso(T0 + 30 * DAY));
    await created(store, 'deleted', iso(T0 + 30 * DAY));
    await settle(a);
    expect(ScheduleTable.due(a.db, EXPIRY_SCHEDULE, iso(T0 + 1000 * DAY), 10).map((i) => i.key)).toEqual(['deleted', 'revoked']);
    await store.appendToStream(credentialStream('revoked'), [
      { type: 'CredentialRevoked', data: { credentialId: 'revoked', reason: null, revocationReason: 'owner', revokedAt: iso(T0) } },
    ]);
    await store.appendToStream(credentialStream('deleted'), [{ type: 'CredentialDeleted', data: { credentialId: 'deleted', deletedAt: iso(T0) } }]);
    await settle(a);
    expect(ScheduleTable.due(a.db, EXPIRY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toEqual([]);
    clock.set(T0 + 100 * DAY);
    expect(await a.scheduler.runDue()).toBe(0);
    expect(await types('revoked')).toEqual(['CredentialCreated', 'CredentialRevoked']);
  });

  it('lets two instances run the same due items: each notice and each expiry is recorded once', async () => {
    const b = await start(instance(store, clock));
    const expiresAt = T0 + 30 * DAY;
    for (let i = 0; i < 40; i++) await created(store, `c${i}`, iso(expiresAt));
    await settle(a, b);
    for (const at of [expiresAt - 7 * DAY, expiresAt - DAY, expiresAt]) {
      clock.set(at);
      await settle(a, b);
      await Promise.all([a.scheduler.runDue(), b.scheduler.runDue()]);
    }
    await settle(a, b);
    const all = await store.readAll();
    const notices = ofType(all, 'CredentialExpiryNoticed');
    const expiries = ofType(all, 'CredentialExpired');
    console.log(`two instances: ${notices.length} notices and ${expiries.length} expiries for 40 credentials`);
    expect(notices.filter((n) => n.data.daysBefore === 7)).toHaveLength(40);
    expect(notices.filter((n) => n.data.daysBefore === 1)).toHaveLength(40);
    expect(new Set(expiries.map((e) => e.streamName)).size).toBe(40);
    expect(expiries).toHaveLength(40);
    expect(await a.scheduler.runDue()).toBe(0);
    expect(await b.scheduler.runDue()).toBe(0);
  });

  it('plans each credential once per batch, after its events: one schedule write however many events changed it', async () => {
    const fresh = new MemoryEventStore();
    await created(fresh, 'c1', iso(T0 + 30 * DAY));
    for (const days of [40, 50]) {
      await fresh.appendToStream(credentialStream('c1'), [
        {
          type: 'CredentialExpiryChanged',
          data: { credentialId: 'c1', expiresAt: iso(T0 + days * DAY), previousExpiresAt: null, changedAt: iso(T0) },
        },
      ]);
    }
    const events = await fresh.readAll();
    const db = openReadModelDb(':memory:');
    const projection = new ExpiryScheduleProjection();
    projection.setup(db);
    const put = jest.spyOn(ScheduleTable, 'put');
    const remove = jest.spyOn(ScheduleTable, 'remove');
    const { calls: rowWrites, restore } = recordStatementCalls(db, (sql) => /^(INSERT|UPDATE|DELETE)[\s\S]*cred_expiry /.test(sql));
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
      const other = appliedEventByEvent(new ExpiryScheduleProjection(), events);
      expect(tables(db)).toEqual(tables(other));
      expect(ScheduleTable.due(db, EXPIRY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toMatchObject([
        { key: 'c1', dueAt: iso(T0 + 43 * DAY), payload: { expiresAt: iso(T0 + 50 * DAY) } },
      ]);
    } finally {
      put.mockRestore();
      remove.mockRestore();
    }
  });

  it('built from zero, holds its rows and plans until the build ends: the same rows and schedule as event by event', async () => {
    const fresh = new MemoryEventStore();
    await created(fresh, 'c2', iso(T0 + 30 * DAY));
    await created(fresh, 'c1', iso(T0 + 20 * DAY));
    await created(fresh, 'c3', iso(T0 + 10 * DAY));
    await fresh.appendToStream(credentialStream('c1'), [
      { type: 'CredentialExpiryChanged', data: { credentialId: 'c1', expiresAt: iso(T0 + 40 * DAY), previousExpiresAt: null, changedAt: iso(T0) } },
    ]);
    await fresh.appendToStream(credentialStream('c3'), [
      { type: 'CredentialRevoked', data: { credentialId: 'c3', reason: null, revokedAt: iso(T0) } },
    ]);
    const events = await fresh.readAll();
    const db = builtFromZero(new ExpiryScheduleProjection(), events, { beforeEndBuild: (held) => expect(tables(held)).toEqual([[], []]) });
    expect(tables(db)).toEqual(tables(appliedEventByEvent(new ExpiryScheduleProjection(), events)));
    expect(ScheduleTable.due(db, EXPIRY_SCHEDULE, iso(T0 + 1000 * DAY), 10)).toMatchObject([
      { key: 'c2', dueAt: iso(T0 + 23 * DAY) },
      { key: 'c1', dueAt: iso(T0 + 33 * DAY) },
    ]);
  });
});
