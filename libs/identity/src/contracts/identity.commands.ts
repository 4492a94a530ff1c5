import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';

export interface RegisteredUser {
  userId: string;
  email: string;
  name: string;
  /** The user's id in the production environment, created at registration. */
  productionUserId: string;
}

/**
 * What the module that registers a user still has to do for them (create their organization, add
 * them to the one that invited them). Identity keeps it with the registration, unread, and hands it
 * back in `USER_REGISTERED`, so that the step is finished even if the process stopped right after
 * the user was registered.
 */
export type Onboarding = Readonly<Record<string, string | readonly string[]>>;

/**
 * Creates a user with a production account. Fails with `409 EMAIL_TAKEN`, or a validation error
 * with field errors (`email`, `password`, `name`) for a weak password or malformed input.
 */
export class RegisterUserCommand extends Command<RegisteredUser> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly name: string,
    readonly context: RequestContext,
    readonly onboarding?: Onboarding,
  ) {
    super();
  }
}

/**
 * Service users have no mailbox: their address is `<userId>@service-users.invalid`, under a
 * top-level domain reserved never to resolve (RFC 2606, RFC 6761), so nothing is ever sent to it.
 * It is reserved like any address, and no password is ever attached to it.
 */
export const SERVICE_USER_EMAIL_DOMAIN = 'service-users.invalid';

/**
 * Creates a service user: a user with a production account, no password and no way to sign in
 * (`POST /console/v1/sessions` answers it as an unknown address). `onboarding` as for
 * `RegisterUserCommand`: the organization step, kept with the registration.
 */
export class RegisterServiceUserCommand extends Command<RegisteredUser> {
  constructor(
    readonly name: string,
    readonly context: RequestContext,
    readonly onboarding?: Onboarding,
  ) {
    super();
  }
}

export interface StartedSession {
  /** Shown once; only its hash is stored. */
  token: string;
  sessionId: string;
  expiresAt: string;
}

/** Starts a console session for an active user (after signup or accepting an invitation). */
export class StartSessionCommand extends Command<StartedSession> {
  constructor(
    readonly userId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Deactivates a user and ends every session of theirs. Idempotent. */
export class DeactivateUserCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
