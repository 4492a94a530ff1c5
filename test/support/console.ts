import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestApp } from './test-app';

/** A password that satisfies the console's password policy. */
export const PASSWORD = 'Correct-Horse-Battery-42';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A fresh, unique email address for a test user. */
export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@example.test`;

export interface SignedUp {
  userId: string;
  email: string;
  name: string;
  password: string;
  organizationId: string;
  organizationName: string;
  token: string;
  /** The signup answer as the API gave it. */
  body: {
    user: { id: string; email: string; name: string };
    organization: { id: string; name: string };
    session: { token: string; expiresAt: string };
  };
}

/** Signs up a new user with a new organization (they are its developer_admin). */
export async function signup(t: TestApp, options: { email?: string; name?: string; organizationName?: string } = {}): Promise<SignedUp> {
  const email = options.email ?? uniqueEmail('admin');
  const name = options.name ?? 'Ann Admin';
  const organizationName = options.organizationName ?? `Org ${randomUUID().slice(0, 6)}`;
  const res = await request(t.server).post('/console/v1/signup').send({ email, password: PASSWORD, name, organizationName });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    userId: res.body.user.id,
    email: res.body.user.email,
    name,
    password: PASSWORD,
    organizationId: res.body.organization.id,
    organizationName,
    token: res.body.session.token,
    body: res.body,
  };
}

export interface Joined {
  userId: string;
  email: string;
  token: string;
  invitationToken: string;
}

/** Invites someone into the admin's organization and accepts the invitation as them. */
export async function join(
  t: TestApp,
  admin: { token: string },
  role: 'user' | 'developer' | 'developer_admin',
  options: { email?: string; name?: string; permissions?: string[] } = {},
): Promise<Joined> {
  const email = options.email ?? uniqueEmail(role);
  const invitation = await request(t.server)
    .post('/console/v1/organization/invitations')
    .set(bearer(admin.token))
    .send({ email, role, ...(options.permissions ? { permissions: options.permissions } : {}) });
  if (invitation.status !== 201) throw new Error(`invitation failed: ${invitation.status} ${JSON.stringify(invitation.body)}`);
  const accepted = await request(t.server)
    .post(`/console/v1/invitations/${invitation.body.token}/accept`)
    .send({ name: options.name ?? `${role} member`, password: PASSWORD });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { userId: accepted.body.user.id, email, token: accepted.body.session.token, invitationToken: invitation.body.token };
}

/** Logs in with email and password; answers the session token. */
export async function login(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await request(t.server).post('/console/v1/sessions').send({ email, password });
  if (res.status !== 201) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}
