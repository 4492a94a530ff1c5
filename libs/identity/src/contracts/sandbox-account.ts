import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';

export interface SandboxAccount {
  environment: 'sandbox';
  userId: string;
}

/** Gives a user their own user id in the sandbox environment, once (the user themselves, or an admin for a service user). */
export class CreateSandboxAccountCommand extends Command<SandboxAccount> {
  constructor(
    readonly userId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
