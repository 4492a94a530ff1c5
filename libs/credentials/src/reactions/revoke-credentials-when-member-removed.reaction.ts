import { Injectable } from '@nestjs/common';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, type IntegrationEventHandler, OnIntegrationEvent, ProjectionRunner } from '@latchkey/event-store';
import { MEMBER_REMOVED, type MemberRemovedIntegrationEvent } from '@latchkey/organizations';
import { credentialDecider } from '../domain/credential/credential.decider';
import { credentialStream, OWNER_REMOVED_REASON } from '../domain/credential/credential.events';
import { CredentialListReadModel } from '../read-models/credential-list/credential-list.read-model';

/**
 * When a member is removed, revokes every active credential they own in that organization, as the
 * admin who removed them. Idempotent: the event is delivered at least once, and a credential that
 * is no longer active is left as it is.
 */
@OnIntegrationEvent(MEMBER_REMOVED)
@Injectable()
export class RevokeCredentialsWhenMemberRemoved implements IntegrationEventHandler<MemberRemovedIntegrationEvent> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly projections: ProjectionRunner,
    private readonly credentials: CredentialListReadModel,
    private readonly clock: Clock,
  ) {}

  async handle(event: MemberRemovedIntegrationEvent): Promise<void> {
    // The list must include every credential created before the removal.
    await this.projections.waitFor(event.position);
    const owned = this.credentials.activeByOwner(event.userId).filter((row) => row.organization_id === event.organizationId);
    for (const row of owned) {
      await this.executor.execute(
        credentialDecider,
        credentialStream(row.credential_id),
        {
          type: 'RevokeCredential',
          reason: OWNER_REMOVED_REASON,
          revocationReason: 'member_removed',
          at: this.clock.now().toISOString(),
          skipIfNotActive: true,
        },
        { metadata: { correlationId: `member-removed-${event.position}`, causationId: `position-${event.position}`, actor: event.removedBy } },
      );
    }
  }
}
