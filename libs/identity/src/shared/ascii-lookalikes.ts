/**
 * Letters and digits outside ASCII that Unicode's confusable data (UTS #39, `confusables.txt`)
 * maps to a single ASCII character: the dotless "ı" reads as "i", the Cyrillic "а", "р", "ӏ" as
 * "a", "p", "l", the Greek "ο" as "o", the Armenian "օ" as "o", and so on. Only code points that
 * can appear in a canonical address once it is decomposed (NFD of an NFKC, lower-cased address)
 * are listed: upper-case and compatibility forms fold away before the check.
 *
 * Generated from the confusables data of Unicode 13.0 (as packaged by `unhomoglyph` 1.0.6):
 * every single code point `c` above U+007F whose prototype, decomposed, is one printable ASCII
 * character, where `c` is a letter or a number (`\p{L}`, `\p{N}`) and equals its own NFD, NFKC and
 * lower case. 306 code points, as hexadecimal code points and ranges. Unicode data is used under the
 * Unicode License (https://www.unicode.org/license.txt).
 */
const RANGES = [
  '131 18d 1bd 1c0 1c3 223 251 261 263 269-26a 26f 28b 28f 294 2b9 2bb-2be 2c6 2c8 2ca-2cb 2d0 3b1 3b3 3b9 3bd',
  '3bf 3c1 3c3 3c5 3f3 430-431 433 435 43e 440-441 443 445 455-456 458 461 475 4af 4bb 4bd 4cf 501 51b 51d 561',
  '563 566 570 578 57c-57d 581 584-585 5d5 5d8-5d9 5df 5e1 627 647 660-661 665 667 6be 6c1 6d5 6f0-6f1 6f5 6f7',
  '7c0 7ca 7f4-7f5 7fa 966 97d 9e6 9ea 9ed a66-a67 a6a ae6 b20 b66 b68 be6 c66 ce6 d20 d66 d6d e50 ed0 101d 1040',
  '10e7 10ff 1200 12d0 142f 1433 1438 144a 144c 146d 146f 1472 148d 14aa 14bf 1541 157c-157d 1587 15af 15b4 15c5',
  '15de 15ea 15f0 15f7 16b2 16b7 16c1 16cc 16d5-16d6 1d04 1d0f 1d11 1d1c 1d20-1d22 1d26 1d83 1d8c 1e9d 1eff 2c85',
  '2c9f 2ca3 2ca5 2d38-2d39 2d4f 2d51 2d54-2d55 2d5d 3007 3033 30ce 4e36 4e3f a4d0-a4d4 a4d6-a4d7 a4d9-a4da',
  'a4dc-a4dd a4df-a4e3 a4e6-a4e7 a4ea-a4ec a4ee a4f0 a4f2-a4f4 a4f8-a4f9 a4fd a647 a6df a6eb a6ef a731 a778 a78c',
  'a799 a79f ab32 ab35 ab3d ab47-ab48 ab4e ab52 ab5a ab75 ab81 ab83 ab93 aba9-abaa abaf 10282 10286-10287 1028a',
  '10290 10292 10295-10297 1029b 102a0-102a2 102a5 102ab 102b0-102b2 102b4 102cf 102f5 10301-10302 10309 10311',
  '10315 10317 1031a 1031f-10320 10322 1042c 1043d 10448 104ea 104f6 10513 10516 10518 1051c-1051d 10525-10527',
  '114d0 11706 1170a 1170e-1170f 118c0-118c4 118c6 118c8 118ca 118cc 118d5-118d8 118dc 118e0 118e5-118e6 118e9',
  '118ec 118ef 118f2 16f08 16f0a 16f16 16f28 16f35 16f3a-16f3b 16f3f-16f40 16f42-16f43 1e8c7 1e8cb',
].join(' ');

const LOOKALIKES: ReadonlySet<number> = new Set(
  RANGES.split(' ').flatMap((range) => {
    const [from, to = from] = range.split('-').map((hex) => parseInt(hex, 16));
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }),
);

/** True when `character` (one code point) is a non-ASCII letter or digit that reads as an ASCII character. */
export const looksLikeAscii = (character: string): boolean => LOOKALIKES.has(character.codePointAt(0)!);

/** How many code points the table holds (for its test). */
export const ASCII_LOOKALIKE_COUNT = LOOKALIKES.size;
