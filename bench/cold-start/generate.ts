/**
 * Writes a realistic event log straight into an embedded store: organizations with members and
 * apps, users with their reservations, credentials with a history of changes, and uses. Event
 * shapes are the libraries' own (type-checked against their event definitions).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '../../libs/event-store/src/port/event-store.port';
import type { CredentialEvent } from '../../libs/credentials/src/domain/credential/credential.events';
import type { UserRegistered } from '../../libs/identity/src/domain/user/user.events';
import type { EmailReserved } from '../../libs/identity/src/domain/email-reservation/email-reservation.events';
import type { EnvironmentUserIdReserved } from '../../libs/identity/src/domain/environment-user-id-reservation/environment-user-id-reservation.events';
import type { AppEvent } from '../../libs/organizations/src/domain/app/app.events';
import type { OrganizationEvent } from '../../libs/organizations/src/domain/organization/organization.events';

export interface Shape {
  organizations: number;
  usersPerOrganization: number;
  credentialsPerUser: number;
}

export interface Generated {
  events: number;
  credentials: number;
  /** A credential that stays active, with what a token request for it needs. */
  probe: { credentialId: string; ownerEnvironmentUserId: string; clientId: string; clientSecret: string };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const digits = (n: number) => String(100_000_000_000_000 + n);
const AT = '2026-06-01T00:00:00.000Z';
const LATER = '2026-06-02T00:00:00.000Z';
const EXPIRES = '2030-01-01T00:00:00.000Z';
/** One scrypt hash shared by every generated user: hashing 20,000 passwords would dominate the run. */
const PASSWORD_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86);

type Event = { type: string; data: Record<string, unknown> };
const metadata = (userId: string | null) => ({ correlationId: randomUUID(), actor: userId ? { userId, email: `${userId}@bench.test` } : null });
const toNew = (events: Event[], actor: string | null): NewEvent[] => events.map((e) => ({ type: e.type, data: e.data, metadata: metadata(actor) }));

export async function generate(store: EventStore, shape: Shape, concurrency = 64): Promise<Generated> {
  // Organizations and their apps come first, as they do in real life (the app directory joins them).
  const foundations: Array<() => Promise<unknown>> = [];
  const appends: Array<() => Promise<unknown>> = [];
  let events = 0;
  let credentials = 0;
  let probe: Generated['probe'] | null = null;
  const append = (stream: string, list: Event[], actor: string | null, queue = appends) => {
    events += list.length;
    queue.push(() => store.appendToStream(stream, toNew(list, actor), { expectedRevision: 'any' }));
  };

  let userNumber = 0;
  for (let o = 0; o < shape.organizations; o++) {
    const organizationId = randomUUID();
    const founder = randomUUID();
    const clients = [0, 1].map((a) => {
      const appId = randomUUID();
      const clientId = `prd_bench${o}x${a}`;
      const clientSecret = `secret-${o}-${a}`;
      const app: AppEvent[] = [
        {
          type: 'AppCreated',
          data: {
            appId,
            organizationId,
            name: `App ${a}`,
            scopes: ['ReadAccounts'],
            grantTypes: ['jwt_bearer'],
            environments: ['production'],
            createdAt: AT,
          },
        },
        { type: 'AppClientCreated', data: { appId, environment: 'production', clientId, secretHash: sha256(clientSecret), createdAt: AT } },
      ];
      append(`app-${appId}`, app, founder, foundations);
      return { clientId, clientSecret };
    });
    const created: OrganizationEvent = { type: 'OrganizationCreated', data: { organizationId, name: `Organization ${o}`, createdAt: AT } };
    foundations.unshift(() => store.appendToStream(`organization-${organizationId}`, toNew([created], founder), { expectedRevision: 'no_stream' }));
    events++;
    const organization: OrganizationEvent[] = [];
    for (let u = 0; u < shape.usersPerOrganization; u++) {
      const userId = u === 0 ? founder : randomUUID();
      const email = `user${userNumber}@bench.test`;
      const productionUserId = digits(userNumber++);
      const reservation: EmailReserved = { type: 'EmailReserved', data: { email, userId } };
      const environmentId: EnvironmentUserIdReserved = {
        type: 'EnvironmentUserIdReserved',
        data: { environment: 'production', environmentUserId: productionUserId, userId },
      };
      const registered: UserRegistered = {
        type: 'UserRegistered',
        data: { userId, email, name: `User ${userNumber}`, passwordHash: PASSWORD_HASH, productionUserId, registeredAt: AT },
      };
      append(`emailReservation-${sha256(email)}`, [reservation], null);
      append(`environmentUserId-${productionUserId}`, [environmentId], null);
      append(`user-${userId}`, [registered], null);
      organization.push({
        type: 'MemberJoined',
        data: {
          organizationId,
          userId,
          email,
          name: `User ${userNumber}`,
          role: u === 0 ? 'developer_admin' : 'developer',
          permissions: ['ReadAccounts', 'ReadExtensions'],
          invitationId: u === 0 ? null : randomUUID(),
          joinedAt: AT,
        },
      });

      for (let c = 0; c < shape.credentialsPerUser; c++) {
        const credentialId = randomUUID();
        credentials++;
        const [a, b] = clients.map((x) => x.clientId);
        const history: CredentialEvent[] = [
          {
            type: 'CredentialCreated',
            data: {
              credentialId,
              label: `Credential ${c}`,
              environment: 'production',
              expiresAt: EXPIRES,
              policy: 'organization',
              clientIds: [],
              ownerId: userId,
              ownerEmail: email,
              ownerEnvironmentUserId: productionUserId,
              organizationId,
              createdAt: AT,
            },
          },
          { type: 'CredentialLabelChanged', data: { credentialId, label: `Renamed ${c}`, previousLabel: `Credential ${c}`, changedAt: LATER } },
          { type: 'CredentialAllowedAppsSet', data: { credentialId, policy: 'specific', clientIds: [a], changedAt: LATER } },
          { type: 'CredentialAppAllowed', data: { credentialId, clientId: b, changedAt: LATER } },
          { type: 'CredentialAppDisallowed', data: { credentialId, clientId: a, changedAt: LATER } },
          {
            type: 'CredentialExpiryChanged',
            data: { credentialId, expiresAt: '2029-01-01T00:00:00.000Z', previousExpiresAt: EXPIRES, changedAt: LATER },
          },
          { type: 'CredentialAllowedAppsSet', data: { credentialId, policy: 'organization', clientIds: [], changedAt: LATER } },
          { type: 'CredentialLabelChanged', data: { credentialId, label: `Final ${c}`, previousLabel: `Renamed ${c}`, changedAt: LATER } },
          { type: 'CredentialLabelChanged', data: { credentialId, label: `Credential ${c}`, previousLabel: `Final ${c}`, changedAt: LATER } },
        ];
        if (c % 5 === 4) history.push({ type: 'CredentialRevoked', data: { credentialId, reason: 'rotated', revokedAt: LATER } });
        append(`credential-${credentialId}`, history, userId);
        if (c === 0)
          append(
            `credentialUsage-${credentialId}`,
            [{ type: 'CredentialUsed', data: { credentialId, clientId: b, lastUsedAt: LATER, count: 3 } }],
            null,
          );
        if (!probe && c === 0) probe = { credentialId, ownerEnvironmentUserId: productionUserId, ...clients[0] };
      }
    }
    append(`organization-${organizationId}`, organization, founder);
  }

  for (const write of foundations) await write();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < appends.length) await appends[next++]();
    }),
  );
  return { events, credentials, probe: probe! };
}
