import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, EVENT_STORE, type EventStore } from '@latchkey/event-store';
import { RegisterUserCommand } from '@latchkey/identity';
import { GetMembershipQuery } from '@latchkey/organizations';
import { ConsoleClient } from './support/console-client';
import { type ListeningTestApp, startListeningTestApp } from './support/listening-app';
import { Clock, systemContext } from '@latchkey/building-blocks';

const PASSWORD = 'Correct-Horse-Battery-42';
const anonymous = () => systemContext();

/** What the signup or invitation request would have done next, had the process not stopped. */
const foundOrganization = (organizationName: string) => ({ kind: 'found-organization', organizationId: randomUUID(), organizationName });

async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A registration is two steps in two modules (identity registers the user, organizations creates or
 * joins the organization), and the process can stop between them. Both halves must still end well:
 * the user gets their organization, and an address is never held for ever by a half-done signup.
 */
describe('registrations interrupted by a crash', () => {
  let dataDir: string;
  let t: ListeningTestApp;
  let clockOffsetMs = 0;

  const start = async () => {
    t = await startListeningTestApp({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    jest.spyOn(t.app.get(Clock), 'nowMs').mockImplementation(() => Date.now() + clockOffsetMs);
  };
  const membership = (userId: string) => t.app.get(QueryBus).execute(new GetMembershipQuery(userId));
  const logIn = async (email: string) => {
    const client = new ConsoleClient(t.baseUrl);
    const session = await client.send<{ token: string }>('POST', '/console/v1/sessions', { email, password: PASSWORD });
    if (session.status !== 201) return null;
    client.token = session.body.token;
    return client;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'latchkey-recovery-'));
    await start();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives a user registered at signup the organization the request never created', async () => {
    const onboarding = foundOrganization('Halfway Ltd');
    const user = await t.app.get(CommandBus).execute(new RegisterUserCommand('halfway@example.com', PASSWORD, 'Hal Way', anonymous(), onboarding));

    const member = await eventually(() => membership(user.userId));
    expect(member).toMatchObject({
      organizationId: onboarding.organizationId,
      organizationName: 'Halfway Ltd',
      role: 'developer_admin',
      status: 'active',
    });
    const client = await logIn('halfway@example.com');
    const me = await client!.call<{ organizationId: string; role: string; permissions: string[] }>('GET', '/console/v1/me');
    expect(me).toMatchObject({ organizationId: onboarding.organizationId, role: 'developer_admin' });
    expect(me.permissions).toHaveLength(4);
  });

  it('adds a user registered from an invitation to the organization that invited them', async () => {
    const admin = new ConsoleClient(t.baseUrl);
    await admin.signup('inviter@example.com', 'Inviting Co');
    const invitation = await admin.call<{ id: string; role: string; permissions: string[] }>('POST', '/console/v1/organization/invitations', {
      email: 'invitee@example.com',
      role: 'developer',
      permissions: ['ReadAccounts'],
    });
    const { organizationId } = await admin.call<{ organizationId: string }>('GET', '/console/v1/me');
    const onboarding = { kind: 'join-organization', organizationId, invitationId: invitation.id, role: 'developer', permissions: ['ReadAccounts'] };
    const user = await t.app
      .get(CommandBus)
      .execute(new RegisterUserCommand('invitee@example.com', PASSWORD, 'Ivy Invitee', anonymous(), onboarding));

    const member = await eventually(() => membership(user.userId));
    expect(member).toMatchObject({ organizationId, role: 'developer', permissions: ['ReadAccounts'], status: 'active' });
  });

  it('finishes, after a restart, a registration the process stopped right behind', async () => {
    const before = await new ConsoleClient(t.baseUrl).send('POST', '/console/v1/signup', {
      email: 'early@example.com',
      password: PASSWORD,
      name: 'Early',
      organizationName: 'Early Co',
    });
    expect(before.status).toBe(201);
    await t.close();

    // What a process killed after appending the user's registration leaves behind.
    const onboarding = foundOrganization('Restarted Inc');
    const userId = randomUUID();
    const store: EventStore = createEventStore({ kind: 'sqlite', dataDir });
    await store.appendToStream(
      `user-${userId}`,
      [
        {
          id: randomUUID(),
          type: 'UserRegistered',
          data: {
            userId,
            email: 'restarted@example.com',
            name: 'Rita Restart',
            passwordHash: 'scrypt$unused',
            productionUserId: '900000000000001',
            registeredAt: new Date().toISOString(),
            onboarding,
          },
          metadata: { correlationId: randomUUID(), actor: null },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await store.close();

    await start();
    const member = await eventually(() => membership(userId));
    expect(member).toMatchObject({ organizationId: onboarding.organizationId, organizationName: 'Restarted Inc', role: 'developer_admin' });
  });

  it('lets the address of a signup stopped after reserving it be used again once that reservation is stale', async () => {
    const email = 'stuck@example.com';
    const store = t.app.get<EventStore>(EVENT_STORE);
    // What a process killed between reserving the address and writing the user leaves behind.
    await store.appendToStream(
      `emailReservation-${createHash('sha256').update(email).digest('hex')}`,
      [
        {
          id: randomUUID(),
          type: 'EmailReserved',
          data: { email, userId: randomUUID(), reservedAt: new Date().toISOString() },
          metadata: { correlationId: randomUUID(), actor: null },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const signup = () =>
      new ConsoleClient(t.baseUrl).send<{ code?: string }>('POST', '/console/v1/signup', {
        email,
        password: PASSWORD,
        name: 'Stu Stuck',
        organizationName: 'Stuck',
      });

    // A registration may still be finishing: the address stays taken for a while.
    expect((await signup()).body).toMatchObject({ code: 'EMAIL_TAKEN' });
    clockOffsetMs = 5 * 60_000;
    expect((await signup()).status).toBe(201);
    expect(await logIn(email)).not.toBeNull();
    // A real account is never taken over, however old.
    clockOffsetMs = 60 * 60_000;
    expect((await signup()).body).toMatchObject({ code: 'EMAIL_TAKEN' });
  });
});
