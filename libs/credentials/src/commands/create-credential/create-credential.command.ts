import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CreateCredentialDto } from './create-credential.dto';

export interface CreatedCredential {
  credentialId: string;
  /** The JWT: handed back once, never stored. */
  jwt: string;
}

/**
 * Creates a credential in the caller's organization: for the caller (a developer), or, when `owner`
 * is given, for that service user of the organization (the caller a developer_admin).
 */
export class CreateCredentialCommand extends Command<CreatedCredential> {
  constructor(
    readonly caller: MembershipView,
    readonly input: CreateCredentialDto,
    readonly context: RequestContext,
    readonly owner?: MembershipView,
  ) {
    super();
  }
}
