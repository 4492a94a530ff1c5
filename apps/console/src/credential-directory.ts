import { getAll, type HistoryEntry } from './api';

/** What the audit log knows of one of the organization's credentials. */
export interface KnownCredential {
  label: string;
  ownerId: string | null;
  deleted: boolean;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Every credential of the organization by id, read from the audit log (deleted ones included, as
 * they are no longer listed anywhere else): its current label, its owner, and whether it is deleted.
 */
export async function loadCredentialDirectory(signal: AbortSignal): Promise<Map<string, KnownCredential>> {
  const [created, renamed, deleted] = await Promise.all(
    ['CredentialCreated', 'CredentialLabelChanged', 'CredentialDeleted'].map((type) => getAll<HistoryEntry>(`/audit?type=${type}`, signal)),
  );
  const directory = new Map<string, KnownCredential>();
  for (const entry of created) {
    const id = text(entry.data?.credentialId);
    if (id) directory.set(id, { label: text(entry.data?.label) ?? id, ownerId: text(entry.data?.ownerId), deleted: false });
  }
  // The log is newest first: apply renames oldest first, so the latest label stays.
  for (const entry of [...renamed].reverse()) {
    const known = directory.get(text(entry.data?.credentialId) ?? '');
    const label = text(entry.data?.label);
    if (known && label) known.label = label;
  }
  for (const entry of deleted) {
    const known = directory.get(text(entry.data?.credentialId) ?? '');
    if (known) known.deleted = true;
  }
  return directory;
}
