import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@latchkey/event-store';
import { eventually } from '@latchkey/event-store/testing';
import { PASSWORD, bearer, login, signup, uniqueEmail } from './support/console';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Creates every kind of secret the organizations and identity modules hand out (a password, session
 * tokens, client secrets, rotated ones, an invitation token) through the API, then looks for each of
 * them everywhere it must never appear: the event log, the logs, list answers and error answers.
 */
describe('secrets never leak (e2e, sqlite)', () => {
  let t: TestApp;
  const secrets = new Map<string, string>();
  /** Every list and error answer seen, as text. */
  const answers: string[] = [];

  const record = (res: request.Response) => {
    answers.push(JSON.stringify(res.body));
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const invitePassword = 'Another-Strong-Passphrase-7';
    const admin = await signup(t, { organizationName: 'Leakless' });
    secrets.set('signup password', PASSWORD);
    secrets.set('signup session token', admin.token);

    const invitation = await request(t.server)
      .post('/console/v1/organization/invitations')
      .set(bearer(admin.token))
      .send({ email: uniqueEmail('dev'), role: 'developer' })
      .expect(201);
    secrets.set('invitation token', invitation.body.token);
    const accepted = await request(t.server)
      .post(`/console/v1/invitations/${invitation.body.token}/accept`)
      .send({ name: 'Dev', password: invitePassword })
      .expect(201);
    secrets.set('invitee password', invitePassword);
    secrets.set('invitee session token', accepted.body.session.token);
    const developerToken = accepted.body.session.token;

    secrets.set('login session token', await login(t, admin.email));

    const app = await request(t.server)
      .post('/console/v1/apps')
      .set(bearer(developerToken))
      .send({ name: 'Leaky?', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['production', 'sandbox'] })
      .expect(201);
    secrets.set('production client secret', app.body.clients.production.clientSecret);
    secrets.set('sandbox client secret', app.body.clients.sandbox.clientSecret);
    const rotated = await request(t.server).post(`/console/v1/apps/${app.body.id}/clients/sandbox/secret`).set(bearer(developerToken)).expect(201);
    secrets.set('rotated client secret', rotated.body.clientSecret);

    // Lists and reads.
    record(await request(t.server).get('/console/v1/apps').set(bearer(developerToken)).expect(200));
    record(await request(t.server).get('/console/v1/organization/members').set(bearer(admin.token)).expect(200));
    record(await request(t.server).get('/console/v1/me').set(bearer(developerToken)).expect(200));
    record(
      await request(t.server).get(`/console/v1/apps/lookup?clientId=${app.body.clients.sandbox.clientId}`).set(bearer(developerToken)).expect(200),
    );

    // Errors that involve a secret.
    record(
      await request(t.server)
        .post(`/console/v1/invitations/${invitation.body.token}/accept`)
        .send({ name: 'Again', password: invitePassword })
        .expect(404),
    );
    record(
      await request(t.server)
        .post(`/console/v1/invitations/${invitation.body.token}x/accept`)
        .send({ name: 'Again', password: invitePassword })
        .expect(404),
    );
    record(
      await request(t.server)
        .post('/console/v1/signup')
        .send({ email: admin.email, password: PASSWORD, name: 'Dup', organizationName: 'Dup' })
        .expect(409),
    );
    record(
      await request(t.server)
        .post('/console/v1/signup')
        .send({ email: 'x@example.test', password: PASSWORD, name: 'X', organizationName: 'Y', secret: PASSWORD })
        .expect(400),
    );
    record(
      await request(t.server)
        .get('/console/v1/me')
        .set(bearer(`${admin.token}x`))
        .expect(401),
    );
    record(
      await request(t.server)
        .post('/console/v1/apps')
        .set(bearer(developerToken))
        .send({ name: app.body.clients.production.clientSecret })
        .expect(400),
    );
    record(
      await request(t.server)
        .post('/console/v1/sessions')
        .send({ email: admin.email, password: `${PASSWORD}!` }),
    );

    // Let the request logger write its last lines.
    await eventually(() => expect(t.logs.join('')).toContain('/console/v1/sessions'));
  }, 30_000);
  afterAll(() => t?.close());

  it('created every kind of secret', () => {
    expect([...secrets.keys()]).toHaveLength(9);
    for (const value of secrets.values()) expect(value.length).toBeGreaterThanOrEqual(12);
  });

  it('keeps no secret in any event', async () => {
    const events = await t.app.get<symbol, EventStore>(EVENT_STORE).readAll();
    expect(events.length).toBeGreaterThan(10);
    const log = JSON.stringify(events);
    for (const [name, value] of secrets) expect({ name, leaked: log.includes(value) }).toEqual({ name, leaked: false });
  });

  it('writes no secret to the logs', () => {
    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const [name, value] of secrets) expect({ name, leaked: logs.includes(value) }).toEqual({ name, leaked: false });
  });

  it('shows no secret in lists, reads or error answers', () => {
    expect(answers).toHaveLength(11);
    const text = answers.join('\n');
    for (const [name, value] of secrets) expect({ name, leaked: text.includes(value) }).toEqual({ name, leaked: false });
  });
});
