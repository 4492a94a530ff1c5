import { looksLikeAscii } from './ascii-lookalikes';

/**
 * E-mail addresses are compared in one canonical form: Unicode NFKC (so full-width and other
 * compatibility variants fold to their plain form), lower-cased, without surrounding whitespace.
 * Lower-casing the local part is not what RFC 5321 says, but it is what people expect of a login.
 */
export function canonicalEmail(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().normalize('NFKC').trim();
}

export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/**
 * Why a canonical address is not acceptable, or null when it is. Deliberately stricter than
 * RFC 5322 (no quoted local parts, no IP literals, a dotted domain), which real mailboxes never need.
 * Internationalized addresses are accepted, but not ones that read as another address: the local
 * part and each domain label must keep to one of the look-alike alphabets (Latin, Cyrillic, Greek),
 * and must not pass for ASCII they are not (see `imitatesAscii`).
 */
export function emailFormatProblem(email: string): string | null {
  if (email.length === 0) return 'Enter an e-mail address';
  if (email.length > MAX_EMAIL_LENGTH) return `Use at most ${MAX_EMAIL_LENGTH} characters`;
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  const valid =
    at > 0 &&
    local.length <= MAX_LOCAL_PART_LENGTH &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    !/^\d+$/.test(labels[labels.length - 1]);
  if (!valid) return 'Enter an e-mail address such as name@example.com';
  if ([local, ...labels].some(mixesConfusableScripts)) {
    return 'Use letters of one alphabet: look-alike characters from different alphabets are refused';
  }
  if ([local, ...labels].some(imitatesAscii)) {
    return 'Use plain Latin letters and digits instead of characters that look like them';
  }
  return null;
}

/** Latin, Cyrillic and Greek share look-alike letters: "pаypal" with a Cyrillic "а" reads as "paypal". */
const CONFUSABLE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

function mixesConfusableScripts(part: string): boolean {
  return CONFUSABLE_SCRIPTS.filter((script) => script.test(part)).length > 1;
}

/**
 * True when a part of an address (its local part or a domain label) could be read as ASCII it is
 * not, by UTS #39's confusable data: beside ASCII letters, one look-alike is enough
 * ("admın" with a dotless ı, "pаypal" with a Cyrillic а); without them, the part passes for ASCII
 * when every character outside ASCII is a look-alike ("аррӏе", all Cyrillic, reads as "apple").
 * Accented letters ("åsa", "exämple") and words of another alphabet that has letters of its own
 * ("иван", "пример", "иван42": digits are shared by every alphabet) are not look-alikes. Checked on the decomposed form, so a precomposed letter
 * is judged by its base letter and its accents.
 */
function imitatesAscii(part: string): boolean {
  const characters = [...part.normalize('NFD')];
  const foreign = characters.filter((c) => c.codePointAt(0)! > 0x7f);
  const lookalikes = foreign.filter(looksLikeAscii);
  if (lookalikes.length === 0) return false;
  return /[a-z]/.test(part) || lookalikes.length === foreign.length;
}
