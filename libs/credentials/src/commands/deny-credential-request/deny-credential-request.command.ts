import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@latchkey/building-blocks';
import type { MembershipView } from '@latchkey/organizations';
import type { CredentialRequestRow } from '../../read-models/credential-requests/credential-requests.projection';

/**
 * A developer_admin denies a pending credential request: the app leaves the credential, and a
 * credential left with no app (the denied one was its only one) is revoked with reason `denied`.
 */
export class DenyCredentialRequestCommand extends Command<CredentialRequestRow> {
  constructor(
    readonly admin: MembershipView,
    readonly requestId: string,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
