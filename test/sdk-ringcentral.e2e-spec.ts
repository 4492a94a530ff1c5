import type { Environment } from '@latchkey/building-blocks';
import { SDK } from '@ringcentral/sdk';
import { bearer, join, type SignedUp, signup } from './support/console';
import { startListeningTestApp, type ListeningTestApp } from './support/listening-app';
import { type Client, createOAuthApp, createSandboxAccount, issueCredential, PREFIX } from './support/oauth-journey';
import request from 'supertest';

/**
 * The official RingCentral JavaScript SDK, unchanged, pointed at Latchkey: `server` is PUBLIC_URL
 * for production and PUBLIC_URL/sandbox for the sandbox.
 */
describe('the RingCentral SDK against Latchkey (real HTTP)', () => {
  jest.setTimeout(30_000);
  let t: ListeningTestApp;
  let admin: SignedUp;
  let clients: Record<Environment, Client>;

  const sdkFor = (environment: Environment, client: Client) =>
    new SDK({
      server: t.baseUrl + PREFIX[environment],
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      cachePrefix: `rc-${environment}-${Math.random()}-`,
    });

  beforeAll(async () => {
    t = await startListeningTestApp();
    admin = await signup(t, { organizationName: 'Ringing Org' });
    await createSandboxAccount(t, admin.token);
    const app = await createOAuthApp(t, admin.token, { name: 'SDK app' });
    clients = { production: app.clients.production!, sandbox: app.clients.sandbox! };
  });
  afterAll(() => t.close());

  it.each(['production', 'sandbox'] as const)('logs in with a JWT, calls the API, refreshes and logs out (%s)', async (environment) => {
    const { jwt } = await issueCredential(t, admin.token, { environment });
    const sdk = sdkFor(environment, clients[environment]);
    const platform = sdk.platform();

    const login = await platform.login({ jwt });
    expect(login.status).toBe(200);
    expect(await platform.loggedIn()).toBe(true);
    const first = await platform.auth().data();
    expect(first.token_type).toBe('bearer');
    expect(first.refresh_token).toBeTruthy();

    const account = await (await platform.get('/restapi/v1.0/account/~')).json();
    expect(account).toMatchObject({ name: 'Ringing Org', environment });
    const extension = (await (await platform.get('/restapi/v1.0/account/~/extension/~')).json()) as { id: string };
    expect(extension.id).toBe(first.owner_id);

    await platform.refresh();
    const second = await platform.auth().data();
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await platform.get('/restapi/v1.0/account/~')).status).toBe(200);

    await platform.logout();
    // the session is over: the last access token no longer works
    const after = await request(t.server).get(`${PREFIX[environment]}/restapi/v1.0/account/~`).set('authorization', `Bearer ${second.access_token}`);
    expect(after.status).toBe(401);
  });

  it('surfaces the Auth API errors: a production credential in the sandbox is refused', async () => {
    const { jwt } = await issueCredential(t, admin.token, { environment: 'production' });
    const platform = sdkFor('sandbox', clients.sandbox).platform();
    const error = await platform.login({ jwt }).then(
      () => null,
      (e: { message: string; response?: { status: number; json(): Promise<{ errors: { errorCode: string }[] }> } }) => e,
    );
    expect(error?.response?.status).toBe(400);
    expect((await error!.response!.json()).errors[0].errorCode).toBe('OAU-214');
    expect(error!.message).toBe('The credential belongs to the other environment');
  });

  it("the seed's example through the SDK: editing the account without EditAccounts fails with CMN-408", async () => {
    const luke = await join(t, admin, 'developer', { name: 'Luke' });
    const { jwt } = await issueCredential(t, luke.token, { label: "Luke's" });
    const platform = sdkFor('production', clients.production).platform();
    await platform.login({ jwt });
    const error = await platform.put('/restapi/v1.0/account/~', { name: 'Luke was here' }).then(
      () => null,
      (e: { message: string; response?: { status: number; json(): Promise<{ errorCode: string }> } }) => e,
    );
    expect(error?.response?.status).toBe(403);
    expect((await error!.response!.json()).errorCode).toBe('CMN-408');
    expect(error!.message).toBe('In order to call this API endpoint, user needs to have [EditAccounts] permission for requested resource.');
    const me = await request(t.server).get('/console/v1/me').set(bearer(admin.token)).expect(200);
    expect(me.body.organizationId).toBe(admin.organizationId);
  });
});
