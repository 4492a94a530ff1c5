import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CreateCredentialDto } from './create-credential.dto';

export interface CreatedCredential {
  credentialId: string;
  /** The JWT: handed back once, never stored. */
  jwt: string;
}

/** Creates a credential for the caller (a developer), in their organization. */
export class CreateCredentialCommand extends Command<CreatedCredential> {
  constructor(
    readonly caller: MembershipView,
    readonly input: CreateCredentialDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
