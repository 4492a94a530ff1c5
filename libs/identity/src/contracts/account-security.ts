import { Command, Query } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';

export interface IssuedPasswordReset {
  /** One-time, shown once; only its hash is stored. */
  token: string;
  expiresAt: string;
}

/**
 * Issues a one-time password reset token for a user (valid 24 hours; a newer one replaces it).
 * The caller (organizations) has checked that the context's actor may: identity does not know
 * organizations. A reset never removes the user's two-factor sign-in.
 */
export class IssuePasswordResetCommand extends Command<IssuedPasswordReset> {
  constructor(
    readonly userId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Clears a user's two-factor sign-in (they lost their device); the caller has checked that the actor may. Idempotent. */
export class ClearMfaCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

export interface MfaStatus {
  totp: boolean;
}

/** Which second factors the user has turned on (`GET /me`'s `mfa`, and later the `requireMfa` policy). */
export class GetMfaStatusQuery extends Query<MfaStatus> {
  constructor(readonly userId: string) {
    super();
  }
}
