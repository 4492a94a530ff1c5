import { consoleRoutes } from './support/console-routes';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * What each console route asks of an API token (API.md, "Version 2: rules…", "Console API tokens"),
 * for every route the running application has: a route added without a declaration fails here
 * (and refuses API tokens at run time, `403 SESSION_REQUIRED`), and so does one declared against
 * the contract.
 */
const CONTRACT: Record<string, string> = {
  'POST /console/v1/sessions': 'public',
  'DELETE /console/v1/sessions/current': 'session-only',
  'POST /console/v1/signup': 'public',
  'POST /console/v1/invitations/:token/accept': 'public',
  'POST /console/v1/invitations/lookup': 'public',
  'POST /console/v1/password-resets': 'public',
  'POST /console/v1/me/password': 'session-only',
  'POST /console/v1/me/mfa/totp': 'session-only',
  'POST /console/v1/me/mfa/totp/confirm': 'session-only',
  'DELETE /console/v1/me/mfa/totp': 'session-only',
  'POST /console/v1/organization/members/:userId/password-reset': 'organization:admin',
  'DELETE /console/v1/organization/members/:userId/mfa': 'organization:admin',
  'GET /console/v1/me': 'none',
  'POST /console/v1/me/sandbox-account': 'credentials:write',
  'POST /console/v1/me/api-tokens': 'session-only',
  'GET /console/v1/me/api-tokens': 'session-only',
  'DELETE /console/v1/me/api-tokens/:id': 'session-only',
  'GET /console/v1/organization': 'members:read',
  'GET /console/v1/organization/members': 'members:read',
  'PATCH /console/v1/organization/members/:userId': 'organization:admin',
  'DELETE /console/v1/organization/members/:userId': 'organization:admin',
  'GET /console/v1/organization/members/:userId/credentials': 'credentials:read',
  'POST /console/v1/organization/members/:userId/api-tokens': 'session-only',
  'POST /console/v1/organization/service-users': 'organization:admin',
  'POST /console/v1/organization/members/:userId/sandbox-account': 'organization:admin',
  'POST /console/v1/organization/members/:userId/credentials': 'organization:admin',
  'GET /console/v1/organization/members/:userId/offboarding': 'organization:admin',
  'GET /console/v1/organization/invitations': 'members:read',
  'POST /console/v1/organization/invitations': 'organization:admin',
  'DELETE /console/v1/organization/invitations/:id': 'organization:admin',
  'GET /console/v1/organization/api-tokens': 'organization:admin',
  'DELETE /console/v1/organization/api-tokens/:id': 'organization:admin',
  'GET /console/v1/apps': 'apps:read',
  'GET /console/v1/apps/lookup': 'apps:read',
  'POST /console/v1/apps': 'apps:write',
  'PATCH /console/v1/apps/:appId': 'apps:write',
  'DELETE /console/v1/apps/:appId': 'apps:write',
  'POST /console/v1/apps/:appId/clients/:environment/secret': 'apps:write',
  'POST /console/v1/credentials': 'credentials:write',
  'GET /console/v1/credentials': 'credentials:read',
  'GET /console/v1/credentials/:id': 'credentials:read',
  'PATCH /console/v1/credentials/:id': 'credentials:write',
  'DELETE /console/v1/credentials/:id': 'credentials:write',
  'POST /console/v1/credentials/:id/revoke': 'credentials:write',
  'GET /console/v1/credentials/:id/history': 'credentials:read',
  'POST /console/v1/credentials/:id/allowed-apps': 'credentials:write',
  'DELETE /console/v1/credentials/:id/allowed-apps/:clientId': 'credentials:write',
  'GET /console/v1/organization/policy': 'organization:admin',
  'PUT /console/v1/organization/policy': 'organization:admin',
  'GET /console/v1/organization/policy/violations': 'organization:admin',
  'POST /console/v1/organization/policy/violations/revoke': 'organization:admin',
  'GET /console/v1/organization/credential-requests': 'organization:admin',
  'POST /console/v1/organization/credential-requests/:id/approve': 'organization:admin',
  'POST /console/v1/organization/credential-requests/:id/deny': 'organization:admin',
  'GET /console/v1/organization/webhooks': 'organization:admin',
  'POST /console/v1/organization/webhooks': 'organization:admin',
  'GET /console/v1/organization/webhooks/:id': 'organization:admin',
  'PATCH /console/v1/organization/webhooks/:id': 'organization:admin',
  'DELETE /console/v1/organization/webhooks/:id': 'organization:admin',
  'POST /console/v1/organization/webhooks/:id/test': 'organization:admin',
  'POST /console/v1/organization/webhooks/:id/secret': 'organization:admin',
  'GET /console/v1/organization/webhooks/:id/deliveries': 'organization:admin',
  'POST /console/v1/organization/webhooks/:id/deliveries/:deliveryId/redeliver': 'organization:admin',
  'GET /console/v1/audit': 'audit:read',
  'GET /console/v1/audit/export': 'audit:read',
};

describe('every console route declares what it asks of an API token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('finds the console routes in the running application', () => {
    expect(consoleRoutes(t).length).toBeGreaterThanOrEqual(Object.keys(CONTRACT).length);
  });

  it('each route is public, session-only or declares a scope (or none) — none is left undeclared', () => {
    const undeclared = consoleRoutes(t).filter((r) => !r.public && r.scope === undefined);
    expect(undeclared.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('each declaration is the one the contract gives, and the contract names no route the application lacks', () => {
    const declared = Object.fromEntries(consoleRoutes(t).map((r) => [`${r.method} ${r.path}`, r.public ? 'public' : (r.scope ?? 'undeclared')]));
    expect(declared).toEqual(CONTRACT);
  });
});
