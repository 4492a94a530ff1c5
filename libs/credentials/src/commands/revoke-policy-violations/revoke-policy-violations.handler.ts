import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { eventMetadata } from '@latchkey/event-store';
import type { CredentialRow } from '../../read-models/credential-list/credential-list.projection';
import { CredentialWriter } from '../../shared/credential-writer';
import { PolicyViolations } from '../../shared/policy-violations';
import { RevokePolicyViolationsCommand } from './revoke-policy-violations.command';

/**
 * One admin action: each credential listed as a violation is revoked (reason `policy`, the admin
 * as actor, one correlation id for all). A credential revoked or deleted meanwhile is left as it is.
 */
@CommandHandler(RevokePolicyViolationsCommand)
export class RevokePolicyViolationsHandler implements ICommandHandler<RevokePolicyViolationsCommand> {
  constructor(
    private readonly violations: PolicyViolations,
    private readonly writer: CredentialWriter,
    private readonly clock: Clock,
  ) {}

  async execute({ admin, context }: RevokePolicyViolationsCommand): Promise<CredentialRow[]> {
    const revoked: CredentialRow[] = [];
    for (const { row } of await this.violations.of(admin.organizationId)) {
      const after = await this.writer.execute(
        row.credential_id,
        { type: 'RevokeCredential', reason: null, revocationReason: 'policy', skipIfNotActive: true, at: this.clock.now().toISOString() },
        { metadata: eventMetadata(context) },
      );
      if (after.status === 'revoked' && after.revocation_reason === 'policy') revoked.push(after);
    }
    return revoked;
  }
}
