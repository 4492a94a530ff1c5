/**
 * A strict `application/x-www-form-urlencoded` parser for the Auth API (never `qs`): UTF-8 only,
 * every parameter at most once, no bracketed or nested names, parameters kept in a Map (so names
 * like `__proto__` are plain keys), a bounded number of parameters.
 */

export type FormParseResult = { ok: true; params: Map<string, string> } | { ok: false; message: string };

export type ContentTypeCheck = { ok: true } | { ok: false; message: string };

export const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const ACCEPTED: ContentTypeCheck = Object.freeze({ ok: true });

/** A character that form decoding changes: `%`, `+`, or anything beyond ASCII. */
const ENCODED = /[%+\u0080-\uffff]/;

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PLUS = 0x2b;
const PERCENT = 0x25;

/** Accepts `application/x-www-form-urlencoded` with no charset or `charset=utf-8` (any case, quoted or not). */
export function checkFormContentType(header: string | undefined): ContentTypeCheck {
  if (header === FORM_MEDIA_TYPE) return ACCEPTED;
  if (header === undefined || header.trim() === '') return { ok: false, message: `Content-Type must be ${FORM_MEDIA_TYPE}` };
  const [mediaType, ...parameters] = header.split(';');
  if (mediaType.trim().toLowerCase() !== FORM_MEDIA_TYPE) return { ok: false, message: `Content-Type must be ${FORM_MEDIA_TYPE}` };
  for (const parameter of parameters) {
    const trimmed = parameter.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    const name = (eq < 0 ? trimmed : trimmed.slice(0, eq)).trim().toLowerCase();
    const value = (eq < 0 ? '' : trimmed.slice(eq + 1))
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') return { ok: false, message: 'Only the UTF-8 charset is accepted' };
  }
  return ACCEPTED;
}

/** Parses a form body. Empty segments (`a=1&&b=2`, a trailing `&`) are skipped. */
export function parseForm(body: Buffer, maxParameters: number): FormParseResult {
  const params = new Map<string, string>();
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(AMPERSAND, start);
    if (end < 0) end = body.length;
    if (end > start) {
      let eq = body.indexOf(EQUALS, start);
      if (eq < 0 || eq > end) eq = end;
      const name = decodeComponent(body, start, eq);
      const value = eq < end ? decodeComponent(body, eq + 1, end) : '';
      if (name === null || value === null) return { ok: false, message: 'The form body is not valid UTF-8 form encoding' };
      if (name === '') return { ok: false, message: 'The form body has a parameter without a name' };
      if (name.includes('[') || name.includes(']')) return { ok: false, message: `Parameter [${printable(name)}] is not a valid name` };
      if (params.has(name)) return { ok: false, message: `Parameter [${printable(name)}] is repeated` };
      if (params.size >= maxParameters) return { ok: false, message: `The form body has more than ${maxParameters} parameters` };
      params.set(name, value);
    }
    start = end + 1;
  }
  return { ok: true, params };
}

/**
 * Decodes one form-encoded component: `+` is a space, `%XX` a byte, and the bytes must be UTF-8.
 * Null when a `%` is not followed by two hex digits or the bytes are not UTF-8.
 */
export function decodeComponent(source: Buffer, start: number, end: number): string | null {
  let plain = true;
  for (let i = start; i < end; i++) {
    const byte = source[i];
    if (byte === PERCENT || byte === PLUS || byte >= 0x80) {
      plain = false;
      break;
    }
  }
  if (plain) return source.toString('latin1', start, end);
  const bytes = Buffer.allocUnsafe(end - start);
  let length = 0;
  let ascii = true;
  for (let i = start; i < end; i++) {
    const byte = source[i];
    if (byte === PLUS) bytes[length++] = 0x20;
    else if (byte === PERCENT) {
      const high = hexValue(source[i + 1]);
      const low = hexValue(source[i + 2]);
      if (i + 2 >= end || high < 0 || low < 0) return null;
      if (high >= 8) ascii = false;
      bytes[length++] = (high << 4) | low;
      i += 2;
    } else {
      if (byte >= 0x80) ascii = false;
      bytes[length++] = byte;
    }
  }
  // ASCII needs no UTF-8 check (the grant type's `%3A`s, for one).
  if (ascii) return bytes.toString('latin1', 0, length);
  try {
    return utf8.decode(bytes.subarray(0, length));
  } catch {
    return null;
  }
}

/** Decodes a form-encoded string (for the parts of an HTTP Basic credential). */
export function decodeFormComponent(value: string): string | null {
  if (!ENCODED.test(value)) return value;
  const buffer = Buffer.from(value, 'utf8');
  return decodeComponent(buffer, 0, buffer.length);
}

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
}

/** A parameter name as it may appear in an error message: short, printable. */
function printable(name: string): string {
  const clean = name.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
