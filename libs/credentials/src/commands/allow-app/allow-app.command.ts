import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CredentialRow } from '../../read-models/credential-list/credential-list.projection';

/** Allows one more app; on an "organization" credential, restricts it to that one app. */
export class AllowAppCommand extends Command<CredentialRow> {
  constructor(
    readonly caller: MembershipView,
    readonly credentialId: string,
    readonly clientId: string,
    readonly justification: string | undefined,
    readonly expectedRevision: number | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}
