import { Command } from '@nestjs/cqrs';

export interface LoggedIn {
  token: string;
  expiresAt: string;
  user: { id: string; email: string; name: string };
}

/** Checks an e-mail and password and starts a session. `clientAddress` feeds the throttle. */
export class LogInCommand extends Command<LoggedIn> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly clientAddress: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
