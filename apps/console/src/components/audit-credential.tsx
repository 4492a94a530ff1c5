import type { HistoryEntry } from '../api';
import type { CredentialLookup } from '../credential-lookups';
import { credentialHref, Link } from '../router';

/** The credential an audit log entry is about, if it names one. */
export const credentialIdOf = (entry: HistoryEntry): string | null => (typeof entry.data?.credentialId === 'string' ? entry.data.credentialId : null);

/**
 * An audit log entry's credential: its label, linked to its page, and its ID (to filter by); until
 * its label is known (or if it cannot be), the ID alone, linked; once deleted, the ID, unlinked.
 */
export function AuditCredential({ entry, lookup }: { entry: HistoryEntry; lookup: CredentialLookup | undefined }) {
  const id = credentialIdOf(entry);
  if (!id) return <>—</>;
  if (lookup?.state === 'deleted') {
    return (
      <>
        <span class="mono">{id}</span> <span class="muted">(deleted)</span>
      </>
    );
  }
  if (lookup?.state !== 'found') return <Link href={credentialHref(id)}>{id}</Link>;
  return (
    <>
      <Link href={credentialHref(id, lookup.ownerId)}>{lookup.label}</Link>
      <span class="credential-id mono">{id}</span>
    </>
  );
}
