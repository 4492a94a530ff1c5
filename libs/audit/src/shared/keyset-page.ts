import { DEFAULT_PAGE_SIZE, DomainError, MAX_PAGE_SIZE, type Page } from '@latchkey/building-blocks';

/**
 * Pages by a global log position rather than an offset: the log is read newest first while new
 * entries keep arriving, and an offset would then repeat entries across pages. The cursor is the
 * position of the last item, base64url-encoded (`k:<position>`, as the credentials module's lists,
 * so a cursor of the audit log from before it moved here still works).
 */
export function keysetPage<T>(
  fetch: (before: number | null, size: number) => T[],
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

function decodeKeyCursor(cursor: string | null | undefined): number | null {
  if (cursor === undefined || cursor === null || cursor === '') return null;
  const match = /^k:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new DomainError('validation', 'INVALID_CURSOR', 'The cursor is not one this API returned', {
      errors: [{ field: 'cursor', message: 'cursor is invalid' }],
    });
  }
  return Number(match[1]);
}
