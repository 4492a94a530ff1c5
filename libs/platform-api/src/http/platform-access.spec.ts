import type { MembershipView } from '@latchkey/organizations';
import type { LiveAccessToken } from '@latchkey/token-issuance';
import { PlatformError } from './platform-errors';
import { PlatformAccess } from './platform-access';

const token: LiveAccessToken = {
  environment: 'production',
  environmentUserId: 'env-user-1',
  userId: 'user-1',
  organizationId: 'org-1',
  clientId: 'client-1',
  credentialId: 'cred-1',
  sessionId: 's1',
  scopes: ['ReadAccounts'],
  issuedAt: 1,
  expiresAt: 2,
  issuer: 'http://latchkey.test',
};
const membership: MembershipView = {
  organizationId: 'org-1',
  organizationName: 'Acme',
  kind: 'person',
  userId: 'user-1',
  email: 'luke@example.test',
  name: 'Luke',
  role: 'developer',
  permissions: ['ReadAccounts', 'EditAccounts'],
  status: 'active',
};

describe('PlatformAccess', () => {
  const access = (live: LiveAccessToken | null = token, member: MembershipView | null = membership) => {
    const seen: string[] = [];
    const guard = new PlatformAccess(
      {
        liveAccessToken: async (_environment, presented) => {
          seen.push(presented);
          return live;
        },
        membership: async () => member,
      },
      () => 'http://latchkey.test',
    );
    return { guard, seen };
  };
  const refusal = async (attempt: Promise<unknown>) => {
    try {
      await attempt;
    } catch (error) {
      expect(error).toBeInstanceOf(PlatformError);
      return error as PlatformError;
    }
    throw new Error('allowed');
  };

  it('accepts the bearer scheme in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const { guard, seen } = access();
      await expect(guard.authorize('production', `${scheme} abc.def.ghi`, 'ReadAccounts')).resolves.toEqual({ token, membership });
      expect(seen).toEqual(['abc.def.ghi']);
    }
  });

  it('answers 401 TokenInvalid/OAU-149 without a usable token', async () => {
    for (const header of [undefined, '', 'Basic abc', 'Bearer', 'Bearer a b', 'Bearerabc']) {
      const error = await refusal(access().guard.authorize('production', header, 'ReadAccounts'));
      expect(error.status).toBe(401);
      expect(error.body).toEqual({
        errorCode: 'TokenInvalid',
        message: 'Invalid token',
        errors: [{ errorCode: 'OAU-149', message: 'Invalid token' }],
      });
      expect(error.headers['www-authenticate']).toMatch(/^Bearer /);
    }
    expect((await refusal(access(null).guard.authorize('production', 'Bearer x', 'ReadAccounts'))).status).toBe(401);
    expect(
      (await refusal(access(token, { ...membership, status: 'removed' }).guard.authorize('production', 'Bearer x', 'ReadAccounts'))).status,
    ).toBe(401);
  });

  it("checks the app's scope before the user's permission", async () => {
    const error = await refusal(access(token, { ...membership, permissions: [] }).guard.authorize('production', 'Bearer x', 'EditAccounts'));
    expect(error.status).toBe(403);
    expect(error.body).toMatchObject({ errorCode: 'InsufficientPermissions', errors: [{ errorCode: 'CMN-401', permissionName: 'EditAccounts' }] });
  });

  it("answers CMN-408 when the user lacks the permission the app's scope allows", async () => {
    const error = await refusal(
      access({ ...token, scopes: ['ReadAccounts', 'EditAccounts'] }, { ...membership, permissions: ['ReadAccounts'] }).guard.authorize(
        'production',
        'Bearer x',
        'EditAccounts',
      ),
    );
    expect(error.status).toBe(403);
    const message = 'In order to call this API endpoint, user needs to have [EditAccounts] permission for requested resource.';
    expect(error.body).toEqual({
      errorCode: 'CMN-408',
      message,
      errors: [{ errorCode: 'CMN-408', message, permissionName: 'EditAccounts' }],
      permissionName: 'EditAccounts',
    });
  });
});
