import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CredentialRow } from '../../read-models/credential-list/credential-list.projection';

/**
 * Revokes an active credential. Once this answers, the allowlist says `revoked`: the token endpoint
 * refuses the credential from then on.
 */
export class RevokeCredentialCommand extends Command<CredentialRow> {
  constructor(
    readonly caller: MembershipView,
    readonly credentialId: string,
    readonly reason: string | null,
    readonly expectedRevision: number | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}
