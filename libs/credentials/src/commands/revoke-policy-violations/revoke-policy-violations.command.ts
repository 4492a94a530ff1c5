import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CredentialRow } from '../../read-models/credential-list/credential-list.projection';

/** Revokes every credential of the organization that breaks its current policy, with reason `policy`. */
export class RevokePolicyViolationsCommand extends Command<CredentialRow[]> {
  constructor(
    readonly admin: MembershipView,
    readonly context: RequestContext,
  ) {
    super();
  }
}
