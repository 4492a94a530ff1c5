import type { Projection, ReadModelDb, Recorded } from '@latchkey/event-store';
import { ORGANIZATION_EVENT_TYPES, ORGANIZATION_STREAM_PREFIX, type OrganizationEvent } from '../../domain/organization/organization.events';

const UPSERT_ORGANIZATION = 'INSERT OR REPLACE INTO org_organizations (organization_id, name) VALUES (?, ?)';
const UPSERT_MEMBER = `INSERT OR REPLACE INTO org_members (user_id, organization_id, kind, email, name, role, permissions, status, joined_position)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?)`;
const UPDATE_MEMBER_ROLE = 'UPDATE org_members SET role = ?, permissions = ? WHERE user_id = ? AND organization_id = ?';
const REMOVE_MEMBER = "UPDATE org_members SET status = 'removed' WHERE user_id = ? AND organization_id = ?";

/**
 * Organizations and their members, by organization (the member list) and by user id (the caller's
 * membership, consulted on every console request). Removed members stay, with status `removed`.
 */
export class MemberListProjection implements Projection<OrganizationEvent> {
  readonly name = 'organizations.members';
  readonly version = 1;
  readonly eventTypes = ORGANIZATION_EVENT_TYPES;

  /** A fresh instance, to build a new version beside this one. */
  fork(): MemberListProjection {
    return new MemberListProjection();
  }

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS org_organizations (
        organization_id TEXT PRIMARY KEY,
        name TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS org_members (
        user_id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        permissions TEXT NOT NULL,
        status TEXT NOT NULL,
        joined_position INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS org_members_by_organization ON org_members (organization_id, joined_position);
    `);
    // Added after the table: every member recorded before service users existed is a person.
    const columns = db.prepare('PRAGMA table_info(org_members)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'kind')) db.exec("ALTER TABLE org_members ADD COLUMN kind TEXT NOT NULL DEFAULT 'person'");
  }

  reset(db: ReadModelDb): void {
    db.exec('DELETE FROM org_members; DELETE FROM org_organizations;');
  }

  apply(event: Recorded<OrganizationEvent>, db: ReadModelDb): void {
    if (!event.streamName.startsWith(ORGANIZATION_STREAM_PREFIX)) return;
    switch (event.type) {
      case 'OrganizationCreated':
        db.prepare(UPSERT_ORGANIZATION).run(event.data.organizationId, event.data.name);
        return;
      case 'MemberJoined': {
        const d = event.data;
        db.prepare(UPSERT_MEMBER).run(
          d.userId,
          d.organizationId,
          d.kind ?? 'person',
          d.email,
          d.name,
          d.role,
          JSON.stringify(d.permissions),
          event.position,
        );
        return;
      }
      case 'MemberUpdated':
        db.prepare(UPDATE_MEMBER_ROLE).run(event.data.role, JSON.stringify(event.data.permissions), event.data.userId, event.data.organizationId);
        return;
      case 'MemberRemoved':
        db.prepare(REMOVE_MEMBER).run(event.data.userId, event.data.organizationId);
        return;
    }
  }
}
