import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { GetAppClientQuery, type MembershipView } from '@latchkey/organizations';
import { credentialRequestDecider } from '../domain/credential-request/credential-request.decider';
import { credentialRequestStream } from '../domain/credential-request/credential-request.events';
import type { CredentialPolicy } from '../domain/credential/credential-policy';
import type { ThirdPartyApproval } from '../domain/credential/credential.decide';
import type { CredentialRow } from '../read-models/credential-list/credential-list.projection';

/**
 * How a caller adds apps of other organizations: with their justification, at once when they are a
 * developer_admin, and with a new request id for each app the command names (the decider records
 * those of the apps that wait, so that only their own request decides them).
 */
export const approvalOf = (caller: Pick<MembershipView, 'role'>, justification: string | null, clientIds: readonly string[]): ThirdPartyApproval => ({
  justification,
  approvedAtOnce: caller.role === 'developer_admin',
  requestIds: Object.fromEntries(clientIds.map((clientId) => [clientId, randomUUID()])),
});

const clientIdsOf = (row: Pick<CredentialRow, 'policy' | 'client_ids'>): string[] =>
  row.policy === 'specific' ? (JSON.parse(row.client_ids) as string[]) : [];

/**
 * Records a credential request for each app of another organization that a change added to a
 * credential under `thirdPartyApps: "approval"`: pending when the credential holds the app as
 * pending, approved at once otherwise (a developer_admin's own request), under the id the
 * credential recorded for it. The credential was changed first (the decider checked the
 * justification), so a request always names an app the credential holds.
 */
@Injectable()
export class ThirdPartyRequests {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly queries: QueryBus,
  ) {}

  async record(
    caller: MembershipView,
    before: Pick<CredentialRow, 'policy' | 'client_ids'> | null,
    after: CredentialRow,
    policy: CredentialPolicy,
    approval: ThirdPartyApproval,
    at: string,
    context: RequestContext,
  ): Promise<void> {
    const { justification } = approval;
    if (policy.thirdPartyApps !== 'approval' || justification === null) return;
    const had = before ? clientIdsOf(before) : [];
    const pending = JSON.parse(after.pending_client_ids) as string[];
    for (const clientId of clientIdsOf(after).filter((id) => !had.includes(id))) {
      const app = await this.queries.execute(new GetAppClientQuery(clientId));
      if (!app || app.organizationId === after.organization_id) continue;
      const requestId = approval.requestIds[clientId] ?? randomUUID();
      await this.executor.execute(
        credentialRequestDecider,
        credentialRequestStream(requestId),
        {
          type: 'CreateCredentialRequest',
          requestId,
          credentialId: after.credential_id,
          credentialLabel: after.label,
          organizationId: after.organization_id,
          requester: { userId: caller.userId, email: caller.email },
          clientId,
          appName: app.appName,
          appOrganizationName: app.organizationName,
          justification,
          approvedAtOnce: !pending.includes(clientId),
          at,
        },
        { metadata: eventMetadata(context) },
      );
    }
  }
}
