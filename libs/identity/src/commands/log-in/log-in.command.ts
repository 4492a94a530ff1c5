import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';

export interface LoggedIn {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; name: string };
}

/**
 * Checks an e-mail and password (and, when two-factor sign-in is on, `totp`: a TOTP or recovery
 * code) and starts a session. The context's client address feeds the throttle.
 */
export class LogInCommand extends Command<LoggedIn> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly context: RequestContext,
    readonly totp?: string,
  ) {
    super();
  }
}
