import { DEFAULT_PAGE_SIZE, DomainError, MAX_PAGE_SIZE, type Page } from '@latchkey/building-blocks';

/**
 * Pages by a key (a global log position) rather than an offset: the lists and logs here are read
 * newest first while new entries keep arriving, and an offset would then repeat entries across
 * pages. The cursor is opaque to clients: the key of the last item, base64url-encoded.
 */
export function keysetPage<T>(
  fetch: (after: number | null, size: number) => T[],
  keyOf: (item: T) => number,
  limit: number = DEFAULT_PAGE_SIZE,
  cursor?: string | null,
): Page<T> {
  const size = Math.min(Math.max(1, Math.trunc(limit)), MAX_PAGE_SIZE);
  const rows = fetch(decodeKeyCursor(cursor), size + 1);
  const items = rows.slice(0, size);
  return { items, nextCursor: rows.length > size ? encodeKeyCursor(keyOf(items[items.length - 1])) : null };
}

export const encodeKeyCursor = (key: number): string => Buffer.from(`k:${key}`, 'utf8').toString('base64url');

export function decodeKeyCursor(cursor: string | null | undefined): number | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  const match = /^k:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new DomainError('validation', 'INVALID_CURSOR', 'The cursor is not one this API returned', {
      errors: [{ field: 'cursor', message: 'cursor is invalid' }],
    });
  }
  return Number(match[1]);
}
