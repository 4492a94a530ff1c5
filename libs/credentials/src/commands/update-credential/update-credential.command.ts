import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CredentialRow } from '../../read-models/credential-list/credential-list.projection';
import type { UpdateCredentialDto } from './update-credential.dto';

/** Changes the label, the expiry and/or the allowed apps of a credential the caller may manage. */
export class UpdateCredentialCommand extends Command<CredentialRow> {
  constructor(
    readonly caller: MembershipView,
    readonly credentialId: string,
    readonly changes: UpdateCredentialDto,
    readonly expectedRevision: number | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}
