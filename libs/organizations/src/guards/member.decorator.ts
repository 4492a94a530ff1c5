import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { MembershipView } from '../contracts';

/** Where `MembershipGuard` leaves the caller's membership on the request. */
export const MEMBERSHIP_KEY = Symbol('latchkey.membership');

export type RequestWithMembership = { [MEMBERSHIP_KEY]?: MembershipView };

/** The caller's active membership, as loaded by `MembershipGuard` (which must guard the route). */
export const Member = createParamDecorator((_: unknown, context: ExecutionContext): MembershipView => {
  const membership = context.switchToHttp().getRequest<RequestWithMembership>()[MEMBERSHIP_KEY];
  if (!membership) throw new Error('@Member() used on a route that MembershipGuard does not guard');
  return membership;
});
