import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@latchkey/building-blocks';
import { type ConsolePrincipal, GetMfaStatusQuery, scopeRequirementOf } from '@latchkey/identity';
import { GetMembershipQuery, GetOrganizationPolicyQuery, grantableScopes, type MembershipView } from '../contracts';
import { MEMBERSHIP_KEY, type RequestWithMembership } from './member.decorator';
import { principalOf } from './principal-of';
import { REQUIRED_ROLE, type RequiredRole } from './required-role';

/**
 * Loads the caller's membership after the console's authentication, on routes marked
 * `@RequireRole(…)`. Read it with `@Member()`.
 *
 * - no authenticated principal (the session guard did not run) → `401 UNAUTHENTICATED`;
 * - no membership, or a removed one → `403 MEMBERSHIP_REQUIRED`: the caller is authenticated but
 *   belongs to no organization (a removed member's sessions end with the removal, so they normally
 *   get the session guard's 401 first);
 * - `@RequireRole('developer')` → developer or developer_admin, else `403 DEVELOPER_ACCESS_REQUIRED`;
 * - `@RequireRole('developer_admin')` → developer_admin, else `403 DEVELOPER_ADMIN_REQUIRED`;
 * - a console API token: the route's `@RequireScope` (which the authentication found the token
 *   holds) must still be one the owner's current role allows, else `403 INSUFFICIENT_SCOPE`;
 * - a session of a member without TOTP, while the organization's policy has `requireMfa` →
 *   `403 MFA_ENROLMENT_REQUIRED`. The routes such a member may still use (`GET /me`, `/me/mfa/*`,
 *   `/me/password`, logout) carry no `@RequireRole`, so they never reach this guard; API tokens are
 *   not blocked (their owner proved a second factor, if they had one, to create them).
 *
 * Depends only on the query bus and the reflector, so other modules' controllers can use it.
 */
@Injectable()
export class MembershipGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly queries: QueryBus,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithMembership>();
    const principal = principalOf(context);
    if (!principal) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first');
    // A class and its method may both carry `@RequireRole`: the membership is loaded once.
    const membership = request[MEMBERSHIP_KEY] ?? (await this.queries.execute(new GetMembershipQuery(principal.userId)));
    if (!membership || membership.status !== 'active') {
      throw new DomainError('forbidden', 'MEMBERSHIP_REQUIRED', 'You are not a member of an organization');
    }
    const required = this.reflector.getAllAndOverride<RequiredRole | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    checkRole(membership, required);
    checkApiTokenScope(principal, membership, scopeRequirementOf(this.reflector, context));
    if (!principal.apiToken) await this.checkMfaEnrolment(membership);
    request[MEMBERSHIP_KEY] = membership;
    return true;
  }

  private async checkMfaEnrolment(membership: MembershipView): Promise<void> {
    const policy = await this.queries.execute(new GetOrganizationPolicyQuery(membership.organizationId));
    if (!policy.requireMfa || (await this.queries.execute(new GetMfaStatusQuery(membership.userId))).totp) return;
    throw new DomainError(
      'forbidden',
      'MFA_ENROLMENT_REQUIRED',
      'Your organization requires two-factor sign-in: turn it on from your account page (Account → Two-factor sign-in) to continue',
    );
  }
}

function checkRole(membership: MembershipView, required: RequiredRole | undefined): void {
  if (required === 'developer_admin' && membership.role !== 'developer_admin') {
    throw new DomainError('forbidden', 'DEVELOPER_ADMIN_REQUIRED', 'Only a developer admin of your organization can do this');
  }
  if (required === 'developer' && membership.role === 'user') {
    throw new DomainError('forbidden', 'DEVELOPER_ACCESS_REQUIRED', 'This needs developer access; ask a developer admin of your organization');
  }
}

function checkApiTokenScope(principal: ConsolePrincipal, membership: MembershipView, required: ReturnType<typeof scopeRequirementOf>): void {
  if (!principal.apiToken || required === undefined || required === 'none' || required === 'session-only') return;
  if (!grantableScopes(membership.role).includes(required)) {
    throw new DomainError('forbidden', 'INSUFFICIENT_SCOPE', `The token's owner no longer has a role that allows the scope ${required}`);
  }
}
