import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@latchkey/building-blocks';
import type { MembershipView, Role } from '../contracts';
import { MEMBERSHIP_KEY } from './member.decorator';
import { MembershipGuard } from './membership.guard';
import { principalOf } from './principal-of';
import { REQUIRED_ROLE, type RequiredRole } from './required-role';
import { REQUIRED_SCOPE } from '@latchkey/identity';

jest.mock('./principal-of', () => ({ principalOf: jest.fn() }));

const membership = (role: Role, status: 'active' | 'removed' = 'active'): MembershipView => ({
  organizationId: 'org-a',
  organizationName: 'Acme',
  kind: 'person',
  userId: 'u1',
  email: 'u1@example.test',
  name: 'U1',
  role,
  permissions: [],
  status,
});

function run(found: MembershipView | null, required: RequiredRole | undefined, authenticated = true) {
  jest.mocked(principalOf).mockReturnValue(authenticated ? { userId: 'u1', email: 'u1@example.test', sessionId: 's1' } : null);
  const request: Record<symbol, unknown> = {};
  const context = {
    switchToHttp: () => ({ getRequest: () => request }),
    getHandler: () => run,
    getClass: () => MembershipGuard,
  } as unknown as ExecutionContext;
  const reflector = { getAllAndOverride: () => required } as unknown as Reflector;
  const queries = { execute: async () => found } as unknown as QueryBus;
  return { result: new MembershipGuard(reflector, queries).canActivate(context), request };
}

async function failure(promise: Promise<unknown>): Promise<Pick<DomainError, 'kind' | 'code'>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { kind: (error as DomainError).kind, code: (error as DomainError).code };
}

describe('MembershipGuard', () => {
  it('attaches the active membership to the request', async () => {
    const { result, request } = run(membership('user'), undefined);
    await expect(result).resolves.toBe(true);
    expect(request[MEMBERSHIP_KEY]).toEqual(membership('user'));
  });

  it('is 401 when no principal was authenticated', async () => {
    expect(await failure(run(membership('developer_admin'), undefined, false).result)).toEqual({ kind: 'unauthenticated', code: 'UNAUTHENTICATED' });
  });

  it('is 403 MEMBERSHIP_REQUIRED without a membership or with a removed one', async () => {
    expect(await failure(run(null, undefined).result)).toEqual({ kind: 'forbidden', code: 'MEMBERSHIP_REQUIRED' });
    expect(await failure(run(membership('developer_admin', 'removed'), undefined).result)).toEqual({
      kind: 'forbidden',
      code: 'MEMBERSHIP_REQUIRED',
    });
  });

  it.each([
    ['user', 'developer', 'DEVELOPER_ACCESS_REQUIRED'],
    ['user', 'developer_admin', 'DEVELOPER_ADMIN_REQUIRED'],
    ['developer', 'developer_admin', 'DEVELOPER_ADMIN_REQUIRED'],
  ] as const)('refuses a %s on a %s route with %s', async (role, required, code) => {
    expect(await failure(run(membership(role), required).result)).toEqual({ kind: 'forbidden', code });
  });

  it.each([
    ['developer', 'developer'],
    ['developer_admin', 'developer'],
    ['developer_admin', 'developer_admin'],
  ] as const)('admits a %s on a %s route', async (role, required) => {
    await expect(run(membership(role), required).result).resolves.toBe(true);
  });
});

describe('MembershipGuard with a console API token', () => {
  function runWithToken(role: Role, scope: string) {
    jest.mocked(principalOf).mockReturnValue({
      userId: 'u1',
      email: 'u1@example.test',
      sessionId: null,
      apiToken: { id: 't1', scopes: ['audit:read', 'credentials:read'] },
    });
    const context = {
      switchToHttp: () => ({ getRequest: () => ({}) }),
      getHandler: () => runWithToken,
      getClass: () => MembershipGuard,
    } as unknown as ExecutionContext;
    const metadata: Record<string, unknown> = { [REQUIRED_ROLE]: 'member', [REQUIRED_SCOPE]: scope };
    const reflector = { getAllAndOverride: (key: string) => metadata[key] } as unknown as Reflector;
    const queries = { execute: async () => membership(role) } as unknown as QueryBus;
    return new MembershipGuard(reflector, queries).canActivate(context);
  }

  it('admits a scope the owner’s current role allows', async () => {
    await expect(runWithToken('developer_admin', 'audit:read')).resolves.toBe(true);
    await expect(runWithToken('developer', 'credentials:read')).resolves.toBe(true);
  });

  it('is 403 INSUFFICIENT_SCOPE for a scope the owner’s role no longer allows (a demotion narrows the token)', async () => {
    expect(await failure(runWithToken('developer', 'audit:read'))).toEqual({ kind: 'forbidden', code: 'INSUFFICIENT_SCOPE' });
    expect(await failure(runWithToken('user', 'audit:read'))).toEqual({ kind: 'forbidden', code: 'INSUFFICIENT_SCOPE' });
  });
});
