import { DomainError } from '../errors/domain-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An opaque cursor for `?cursor=`: the offset of the next item, base64url-encoded. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): number {
  if (cursor === undefined || cursor === null || cursor === '') return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw new DomainError('validation', 'INVALID_CURSOR', 'The cursor is not one this API returned', {
      errors: [{ field: 'cursor', message: 'cursor is invalid' }],
    });
  }
  return Number(match[1]);
}

/**
 * Pages a query: `fetch(offset, limit + 1)` returns up to limit + 1 rows; the extra row only tells
 * whether a next page exists.
 */
export function paginate<T>(fetch: (offset: number, limit: number) => T[], limit = DEFAULT_PAGE_SIZE, cursor?: string | null): Page<T> {
  const size = Math.min(Math.max(1, Math.trunc(limit)), MAX_PAGE_SIZE);
  const offset = decodeCursor(cursor);
  const rows = fetch(offset, size + 1);
  return {
    items: rows.slice(0, size),
    nextCursor: rows.length > size ? encodeCursor(offset + size) : null,
  };
}
