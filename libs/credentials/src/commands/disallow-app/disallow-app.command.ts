import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CredentialRow } from '../../read-models/credential-list/credential-list.projection';

/** Removes one app from a specific list (never the last one). */
export class DisallowAppCommand extends Command<CredentialRow> {
  constructor(
    readonly caller: MembershipView,
    readonly credentialId: string,
    readonly clientId: string,
    readonly expectedRevision: number | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}
