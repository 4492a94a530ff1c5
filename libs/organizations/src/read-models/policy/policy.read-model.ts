import { Inject, Injectable } from '@nestjs/common';
import { READ_MODEL_DB, type ReadModelDb } from '@latchkey/event-store';
import { DEFAULT_ORGANIZATION_POLICY, type OrganizationPolicy, type OrganizationPolicyView } from '../../contracts';
import { POLICIES_TABLE } from './policy.projection';

@Injectable()
export class PolicyReadModel {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** The organization's policy, or the defaults at revision 0 when it never changed. */
  of(organizationId: string): OrganizationPolicyView {
    const row = this.db.prepare(`SELECT policy, revision FROM ${POLICIES_TABLE} WHERE organization_id = ?`).get(organizationId) as
      { policy: string; revision: number } | undefined;
    if (!row) return { ...structuredClone(DEFAULT_ORGANIZATION_POLICY), revision: 0 };
    return { ...(JSON.parse(row.policy) as OrganizationPolicy), revision: row.revision };
  }
}
