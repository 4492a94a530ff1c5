import { Injectable } from '@nestjs/common';
import { type DomainEvent, type EventData, Projection, type ReadModelDb, type RecordedEvent } from '@latchkey/event-store';
import type { Subject, SubjectKind } from './rules/audit-rule';
import { AUDIT_RULES, AUDITED_EVENT_TYPES } from './rules/audit-rules';

export const AUDIT_TABLE = 'audit_log';
export const SUBJECTS_TABLE = 'audit_subjects';

export interface AuditRow {
  position: number;
  organization_id: string;
  type: string;
  /** The recorded event's own type (`CredentialRevoked`): today's names, which `?type=` accepts too. */
  event_type: string;
  at: string;
  actor_user_id: string | null;
  actor_email: string | null;
  target_kind: string;
  target_id: string;
  target_label: string | null;
  address: string | null;
  /** JSON of the fields the entry's rule copied: ids, names, roles, times; never a secret. */
  data: string;
}

/** Any event the audit reads, typed by name only: its data is read through the rule for its type. */
type AuditedEvent = DomainEvent<string, EventData>;

const categoryOf = (streamName: string): string => streamName.slice(0, streamName.indexOf('-'));

const MAX_REMEMBERED_SUBJECTS = 200_000;
const subjectKey = (kind: SubjectKind, id: string): string => `${kind}\u0000${id}`;

const INSERT_AUDIT_ROW = `INSERT OR IGNORE INTO ${AUDIT_TABLE}
         (position, organization_id, type, event_type, at, actor_user_id, actor_email, target_kind, target_id, target_label, address, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const UPSERT_SUBJECT = `INSERT INTO ${SUBJECTS_TABLE} (kind, id, organization_id, label) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET organization_id = excluded.organization_id, label = excluded.label`;
const SELECT_SUBJECT = `SELECT organization_id AS organizationId, label FROM ${SUBJECTS_TABLE} WHERE kind = ? AND id = ?`;

/**
 * The organization-wide audit log: every administrative and security event of identity,
 * organizations and credentials, once, by its global position, filed under its organization, with
 * who did it (metadata `actor`), from where (metadata `address`) and what it was about (`target`).
 * Organizations and labels of the things entries are about are remembered in a table of subjects
 * (a credential's organization and label, an app's name, a member's e-mail) for the events that do
 * not carry them. Rows are never removed: the log is kept as long as the event log is.
 */
@Projection()
@Injectable()
export class AuditLogProjection implements Projection<AuditedEvent> {
  readonly name = 'audit.log';
  readonly version = 1;
  readonly eventTypes = AUDITED_EVENT_TYPES;
  /**
   * The subjects last read or written, so most events need no lookup (about a million in a
   * rebuild). Cleared when it reaches its bound, after which lookups fill it again.
   */
  private readonly subjects = new Map<SubjectKind, Map<string, Subject>>();
  /** Subjects this batch's events changed, by kind and id: written once, at its end. */
  private readonly unwritten = new Map<string, { kind: SubjectKind; id: string; subject: Subject }>();

  /** The filters' indexes: `apply` reads subjects by their key only. */
  readonly deferredIndexes = ['by_organization', 'by_type', 'by_event_type', 'by_actor', 'by_target'].map((i) => `${AUDIT_TABLE}_${i}`);

  setup(db: ReadModelDb): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${AUDIT_TABLE} (
        position INTEGER PRIMARY KEY,
        organization_id TEXT NOT NULL,
        type TEXT NOT NULL,
        event_type TEXT NOT NULL,
        at TEXT NOT NULL,
        actor_user_id TEXT,
        actor_email TEXT,
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        target_label TEXT,
        address TEXT,
        data TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${AUDIT_TABLE}_by_organization ON ${AUDIT_TABLE} (organization_id, position);
      CREATE INDEX IF NOT EXISTS ${AUDIT_TABLE}_by_type ON ${AUDIT_TABLE} (organization_id, type, position);
      CREATE INDEX IF NOT EXISTS ${AUDIT_TABLE}_by_event_type ON ${AUDIT_TABLE} (organization_id, event_type, position);
      CREATE INDEX IF NOT EXISTS ${AUDIT_TABLE}_by_actor ON ${AUDIT_TABLE} (organization_id, actor_user_id, position);
      CREATE INDEX IF NOT EXISTS ${AUDIT_TABLE}_by_target ON ${AUDIT_TABLE} (organization_id, target_kind, target_id, position);
      CREATE TABLE IF NOT EXISTS ${SUBJECTS_TABLE} (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        organization_id TEXT NOT NULL,
        label TEXT,
        PRIMARY KEY (kind, id)
      );
    `);
  }

  reset(db: ReadModelDb): void {
    db.exec(`DELETE FROM ${AUDIT_TABLE}; DELETE FROM ${SUBJECTS_TABLE};`);
    this.subjects.clear();
    this.unwritten.clear();
  }

  apply(event: RecordedEvent<string, EventData>, db: ReadModelDb): void {
    const rule = AUDIT_RULES[event.type];
    if (!rule || categoryOf(event.streamName) !== rule.category) return;
    const type = typeof rule.type === 'function' ? rule.type(event.data) : rule.type;
    if (type === null) return;
    const { kind, id } = rule.subject(event.data);
    const subject = this.remember(db, kind, id, rule.remember?.(event.data));
    if (!subject) return;
    const actor = event.metadata.actor ?? null;
    db.prepare(INSERT_AUDIT_ROW).run(
      event.position,
      subject.organizationId,
      type,
      event.type,
      rule.at?.(event.data) ?? event.createdAt,
      actor?.userId ?? null,
      actor?.email ?? null,
      rule.targetKind ?? kind,
      id,
      subject.label,
      typeof event.metadata.address === 'string' ? event.metadata.address : null,
      JSON.stringify(rule.data(event.data)),
    );
  }

  /** The subject with what this event says of it merged in; null for one of no known organization. */
  private remember(db: ReadModelDb, kind: SubjectKind, id: string, update: Partial<Subject> | undefined): Subject | null {
    // A map per kind: looking up the id itself hashes a string the event already holds, instead of a key built per event.
    const known = this.subjects.get(kind)?.get(id) ?? this.read(db, kind, id);
    if (!update) return known ?? null;
    const organizationId = update.organizationId ?? known?.organizationId;
    if (organizationId === undefined) return null;
    const subject: Subject = { organizationId, label: update.label ?? known?.label ?? null };
    if (known && known.organizationId === subject.organizationId && known.label === subject.label) return known;
    this.unwritten.set(subjectKey(kind, id), { kind, id, subject });
    this.keep(kind, id, subject);
    return subject;
  }

  /** Writes each subject the batch changed, once: a credential's creation and renames often come together. */
  endBatch(db: ReadModelDb): void {
    for (const { kind, id, subject } of this.unwritten.values()) db.prepare(UPSERT_SUBJECT).run(kind, id, subject.organizationId, subject.label);
    this.unwritten.clear();
  }

  /** A subject not in memory (forgotten at the bound, or before a restart): changed in this batch, or as stored. */
  private read(db: ReadModelDb, kind: SubjectKind, id: string): Subject | undefined {
    const subject = this.unwritten.get(subjectKey(kind, id))?.subject ?? (db.prepare(SELECT_SUBJECT).get(kind, id) as Subject | undefined);
    if (subject) this.keep(kind, id, subject);
    return subject;
  }

  private keep(kind: SubjectKind, id: string, subject: Subject): void {
    let remembered = 0;
    for (const ofKind of this.subjects.values()) remembered += ofKind.size;
    if (remembered >= MAX_REMEMBERED_SUBJECTS) this.subjects.clear();
    let ofKind = this.subjects.get(kind);
    if (!ofKind) this.subjects.set(kind, (ofKind = new Map()));
    ofKind.set(id, subject);
  }
}
