import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';

/** Deletes a credential (active, revoked or expired): refused by the token endpoint and gone from lists; its history stays. */
export class DeleteCredentialCommand extends Command<void> {
  constructor(
    readonly caller: MembershipView,
    readonly credentialId: string,
    readonly expectedRevision: number | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}
