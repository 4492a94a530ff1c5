import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { SignupResponse } from './signup.dto';

export class SignupCommand extends Command<SignupResponse> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly name: string,
    readonly organizationName: string,
    /** Only for the bootstrap sign-up of an `invite-only` installation. */
    readonly setupToken: string | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}
