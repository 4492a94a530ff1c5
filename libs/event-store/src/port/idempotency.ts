/**
 * Idempotent retry by event id: when the ids being appended are exactly the ids of the stream's
 * events starting at some revision, the append already happened and must not be stored again.
 *
 * `storedIdsFrom(revision)` returns the ids stored from `revision` on (at most `count`).
 * Returns the revision of the last of those events when the append is a retry, or null. Adapters
 * reject an append that reuses some stored ids without being a whole retry.
 */
export function findIdempotentRetry(
  ids: readonly string[],
  firstStoredRevision: number | undefined,
  storedIdsFrom: (revision: number, count: number) => readonly string[],
): number | null {
  if (firstStoredRevision === undefined) return null;
  const stored = storedIdsFrom(firstStoredRevision, ids.length);
  if (stored.length === ids.length && stored.every((id, i) => id === ids[i])) {
    return firstStoredRevision + ids.length - 1;
  }
  return null;
}
