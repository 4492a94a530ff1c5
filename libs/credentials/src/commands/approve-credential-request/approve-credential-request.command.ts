import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CredentialRequestRow } from '../../read-models/credential-requests/credential-requests.projection';

/** A developer_admin approves a pending credential request: the app may use the credential at once. */
export class ApproveCredentialRequestCommand extends Command<CredentialRequestRow> {
  constructor(
    readonly admin: MembershipView,
    readonly requestId: string,
    readonly note: string | undefined,
    readonly context: RequestContext,
  ) {
    super();
  }
}
