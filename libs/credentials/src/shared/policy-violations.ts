import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { GetAppClientQuery } from '@latchkey/organizations';
import { appViolations, expiryViolations, type PolicyClient, type PolicyViolation } from '../domain/credential/credential-policy';
import { isExpired } from '../domain/credential/credential.state';
import type { CredentialRow } from '../read-models/credential-list/credential-list.projection';
import { CredentialListReadModel } from '../read-models/credential-list/credential-list.read-model';
import { credentialPolicyOf } from './organization-policy';

export interface ViolatingCredential {
  row: CredentialRow;
  violations: PolicyViolation[];
}

/**
 * The organization's usable credentials (not revoked, deleted or expired) that break its current
 * policy, each with the rules it breaks: the same rules the decider applies to a new credential,
 * read from the credential list against the policy of now. Inactivity is not a violation: the
 * inactivity schedule revokes, after its notice.
 */
@Injectable()
export class PolicyViolations {
  constructor(
    private readonly credentials: CredentialListReadModel,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async of(organizationId: string): Promise<ViolatingCredential[]> {
    const policy = await credentialPolicyOf(this.queries, organizationId);
    const now = this.clock.now().toISOString();
    const rows = this.credentials.activeByOrganization(organizationId).filter((row) => !isExpired({ expiresAt: row.expires_at }, now));
    const clientIds = new Set(rows.flatMap((row) => (row.policy === 'specific' ? (JSON.parse(row.client_ids) as string[]) : [])));
    const clients: PolicyClient[] = [];
    if (policy.thirdPartyApps !== 'allowed') {
      for (const id of clientIds) {
        const app = await this.queries.execute(new GetAppClientQuery(id));
        if (app) clients.push({ clientId: id, organizationId: app.organizationId });
      }
    }
    return rows.flatMap((row) => {
      const apps = { policy: row.policy, clientIds: JSON.parse(row.client_ids) as string[] };
      const violations = [
        ...expiryViolations(policy, row.created_at, row.expires_at),
        ...appViolations(policy, row.environment, apps, row.organization_id, clients),
      ];
      return violations.length > 0 ? [{ row, violations }] : [];
    });
  }
}
