import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/** Deeper JSON than this is refused before parsing: no console body nests anywhere near it. */
export const MAX_JSON_DEPTH = 32;

/** True when `text` nests arrays or objects deeper than `limit` (brackets inside strings do not count). */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or null when its bytes are not UTF-8 (a leading byte order mark is dropped). */
export function decodeJsonBody(body: Buffer): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

/**
 * Fastify's JSON parser (prototype and constructor poisoning refused), behind two checks: the bytes
 * must be UTF-8 (decoding them leniently would store U+FFFD in place of what was sent), and the
 * nesting depth is bounded (a 20,000-deep array would otherwise overflow the stack of the
 * validators that walk it).
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const text = decodeJsonBody(body as Buffer);
    if (text === null) {
      done(new BadRequestException('The JSON body is not valid UTF-8'), undefined);
      return;
    }
    if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) {
      done(new BadRequestException(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parse(request, text, done);
  });
}
