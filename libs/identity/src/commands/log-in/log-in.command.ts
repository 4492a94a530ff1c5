import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';

export interface LoggedIn {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; name: string };
}

/** Checks an e-mail and password and starts a session. The context's client address feeds the throttle. */
export class LogInCommand extends Command<LoggedIn> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
