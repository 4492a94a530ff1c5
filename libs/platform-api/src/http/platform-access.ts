import { type Environment } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { LiveAccessToken } from '@latchkey/token-issuance';
import { PlatformErrors } from './platform-errors';

/** Who calls, once their token, the app's scope and their own permission have been checked. */
export interface PlatformPrincipal {
  token: LiveAccessToken;
  membership: MembershipView;
}

export interface PlatformAccessDirectory {
  /** The access token when it is live right now, else null. */
  liveAccessToken(environment: Environment, token: string): Promise<LiveAccessToken | null>;
  membership(userId: string): Promise<MembershipView | null>;
}

/** `Bearer <token>`, the scheme in any case (the RingCentral SDK sends `bearer`). */
const BEARER = /^bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i;

/**
 * The Platform API's guard: a call needs a live access token, the app's scope and the user's
 * permission, checked in that order (401 TokenInvalid, 403 CMN-401, 403 CMN-408).
 */
export class PlatformAccess {
  constructor(
    private readonly directory: PlatformAccessDirectory,
    private readonly realm: (environment: Environment) => string,
  ) {}

  async authorize(environment: Environment, authorization: string | undefined, permission: string): Promise<PlatformPrincipal> {
    const match = authorization === undefined ? null : BEARER.exec(authorization);
    const token = match ? await this.directory.liveAccessToken(environment, match[1]) : null;
    if (!token) throw PlatformErrors.tokenInvalid(this.realm(environment));
    if (!token.scopes.includes(permission)) throw PlatformErrors.insufficientScope(permission);
    const membership = await this.directory.membership(token.userId);
    if (!membership || membership.status !== 'active') throw PlatformErrors.tokenInvalid(this.realm(environment));
    if (!(membership.permissions as readonly string[]).includes(permission)) throw PlatformErrors.userPermissionMissing(permission);
    return { token, membership };
  }
}
