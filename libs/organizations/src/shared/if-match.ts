import { DomainError } from '@latchkey/building-blocks';

/** The revision an `If-Match` header names (`"3"` or `3`); `*` or no header: any. Anything else is a 400. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return undefined;
  const match = /^(?:"(\d{1,15})"|(\d{1,15}))$/.exec(value);
  if (!match) {
    throw new DomainError('validation', 'INVALID_IF_MATCH', 'If-Match must be the ETag of the resource, e.g. "3"', {
      errors: [{ field: 'If-Match', message: 'If-Match must be a single revision such as "3"' }],
    });
  }
  return Number(match[1] ?? match[2]);
}

export const etagOf = (revision: number): string => `"${revision}"`;
