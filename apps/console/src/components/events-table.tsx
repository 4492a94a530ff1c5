import { CardTable } from './card-table';
import { DateTime } from './date-time';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { HistoryEntry } from '../api';
import { actorLabel, describeEvent, eventLabel } from '../credential-events';

interface EventsTableProps {
  entries: HistoryEntry[];
  caption: string;
  /** The audit log names each entry's credential; a credential's own history does not need to. */
  credential?: (entry: HistoryEntry) => ComponentChildren;
  /** The row that takes focus once it is shown: the first of the entries "Load more" added. */
  focusRow?: number;
}

/** Credential events, one a row: when, what, (which credential,) who, details. */
export function EventsTable({ entries, caption, credential, focusRow }: EventsTableProps) {
  const rowToFocus = useRef<HTMLTableRowElement>(null);
  useLayoutEffect(() => {
    rowToFocus.current?.focus();
  }, [focusRow, entries.length]);

  return (
    <div class="table-wrap">
      <CardTable class="history">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            {credential ? <th scope="col">Credential</th> : null}
            <th scope="col">Who</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <tr key={String(entry.position)} {...(index === focusRow ? { ref: rowToFocus, tabIndex: -1 } : {})}>
              <td>
                <DateTime value={entry.at} />
              </td>
              <td>{eventLabel(entry.type)}</td>
              {credential ? <td>{credential(entry)}</td> : null}
              <td>{actorLabel(entry)}</td>
              <td class="details">{describeEvent(entry)}</td>
            </tr>
          ))}
        </tbody>
      </CardTable>
    </div>
  );
}
