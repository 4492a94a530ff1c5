import { Injectable } from '@nestjs/common';
import { Projection, type ReadModelDb, type Recorded } from '@latchkey/event-store';
import { ORGANIZATION_POLICY_STREAM_PREFIX } from '../../contracts';
import { POLICY_EVENT_TYPES, type PolicyEvent } from '../../domain/policy/policy.events';

export const POLICIES_TABLE = 'org_policies';

/** Each organization's current policy and its revision; organizations absent here have the defaults. */
@Projection()
@Injectable()
export class PolicyProjection implements Projection<PolicyEvent> {
  readonly name = 'organizations.policies';
  readonly version = 1;
  readonly eventTypes = POLICY_EVENT_TYPES;

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${POLICIES_TABLE} (
        organization_id TEXT PRIMARY KEY,
        policy TEXT NOT NULL,
        revision INTEGER NOT NULL,
        changed_at TEXT NOT NULL
      );
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${POLICIES_TABLE}`);
  }

  apply(event: Recorded<PolicyEvent>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(ORGANIZATION_POLICY_STREAM_PREFIX)) return;
    const d = event.data;
    // The view's revision counts changes: the stream revision of the latest one, plus one.
    db.prepare(
      `INSERT INTO ${POLICIES_TABLE} (organization_id, policy, revision, changed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (organization_id) DO UPDATE SET policy = excluded.policy, revision = excluded.revision, changed_at = excluded.changed_at
       WHERE excluded.revision > ${POLICIES_TABLE}.revision`,
    ).run(d.organizationId, JSON.stringify(d.policy), event.revision + 1, d.changedAt);
  }
}
