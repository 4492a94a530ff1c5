import { CardTable } from './card-table';
import { DateTime } from './date-time';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { type AuditEntry, auditTypeLabel, TARGET_KINDS } from '../audit-types';
import type { CredentialLookup } from '../credential-lookups';
import { actorLabel, describeEvent, eventLabel } from '../credential-events';
import { summarizeData } from '../format';
import { AuditCredential } from './audit-credential';

interface AuditEntriesTableProps {
  entries: AuditEntry[];
  /** The credentials looked up for the entries shown: their labels and links. */
  credential: (entry: AuditEntry) => CredentialLookup | undefined;
  /** The row that takes focus once it is shown: the first of the entries "Load more" added. */
  focusRow?: number;
}

/** A credential's entry in its history's words (the event's own type); others by their entry type. */
const what = (entry: AuditEntry): string =>
  entry.target.kind === 'credential' ? eventLabel(entry.eventType) : (auditTypeLabel(entry.type) ?? entry.type);

const details = (entry: AuditEntry): string =>
  entry.target.kind === 'credential' ? describeEvent({ ...entry, type: entry.eventType }) : summarizeData(entry.data);

function Target({ entry, lookup }: { entry: AuditEntry; lookup: CredentialLookup | undefined }) {
  if (entry.target.kind === 'credential') return <AuditCredential entry={entry} lookup={lookup} />;
  return (
    <>
      <span class="muted">{TARGET_KINDS[entry.target.kind] ?? entry.target.kind}</span>{' '}
      {entry.target.label ?? <span class="mono">{entry.target.id}</span>}
    </>
  );
}

/** Audit log entries, one a row: when, what, about what, who, from where, details. */
export function AuditEntriesTable({ entries, credential, focusRow }: AuditEntriesTableProps) {
  const rowToFocus = useRef<HTMLTableRowElement>(null);
  useLayoutEffect(() => {
    rowToFocus.current?.focus();
  }, [focusRow, entries.length]);

  return (
    <div class="table-wrap">
      <CardTable class="history">
        <caption class="visually-hidden">Audit log entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">About</th>
            <th scope="col">Who</th>
            <th scope="col">From</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <tr key={String(entry.position)} {...(index === focusRow ? { ref: rowToFocus, tabIndex: -1 } : {})}>
              <td>
                <DateTime value={entry.at} />
              </td>
              <td>{what(entry)}</td>
              <td>
                <Target entry={entry} lookup={credential(entry)} />
              </td>
              <td>{entry.actor ? actorLabel(entry) : entry.type === 'credential.used' ? 'An app' : '—'}</td>
              <td class="mono">{entry.address ?? '—'}</td>
              <td class="details">{details(entry)}</td>
            </tr>
          ))}
        </tbody>
      </CardTable>
    </div>
  );
}
