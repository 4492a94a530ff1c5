import { BlockList, isIP } from 'node:net';

/** A CIDR range in its one canonical spelling, with the parts a matcher needs. */
export interface Cidr {
  /** `10.0.0.0/8`, `2001:db8::/32`: the network address (host bits cleared), lower case, IPv6 compressed. */
  text: string;
  network: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

const PREFIX = /^\d{1,3}$/;

/** `::ffff:1.2.3.4` (or its hex spelling) → `1.2.3.4`; anything else unchanged. */
export function unmappedAddress(address: string): string {
  if (!address.includes(':') || !/^::ffff:/i.test(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups || !isMapped(groups)) return address;
  return `${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}`;
}

/**
 * Parses a CIDR range or a bare address (which means /32 or /128) into its canonical form, or
 * returns why it is not one. Host bits are cleared (`10.1.2.3/8` is `10.0.0.0/8`), and an
 * IPv4-mapped IPv6 range (`::ffff:10.0.0.0/104`) becomes the IPv4 range it covers.
 */
export function parseCidr(input: string): Cidr | string {
  const text = input.trim();
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? null : text.slice(slash + 1);
  const family = address.includes('%') ? 0 : isIP(address);
  if (family === 0) return `"${input}" is not an IPv4 or IPv6 address or CIDR range`;
  const max = family === 4 ? 32 : 128;
  if (prefixText !== null && (!PREFIX.test(prefixText) || Number(prefixText) > max)) {
    return `"${input}" has a prefix length that is not 0 to ${max}`;
  }
  const prefix = prefixText === null ? max : Number(prefixText);
  if (family === 4) return ipv4Cidr(ipv4Bytes(address), prefix);
  const groups = ipv6Groups(address)!;
  if (isMapped(groups) && prefix >= 96) {
    return ipv4Cidr([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff], prefix - 96);
  }
  const masked = groups.map((group, i) => group & maskBits(prefix - i * 16, 16));
  const network = new URL(`http://[${masked.map((g) => g.toString(16)).join(':')}]`).hostname.slice(1, -1);
  return { text: `${network}/${prefix}`, network, prefix, family: 'ipv6' };
}

/**
 * Whether client addresses fall in a list of canonical CIDR ranges (node's `BlockList`). An empty
 * list allows every address. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export class AddressAllowlist {
  private readonly list = new BlockList();
  readonly empty: boolean;

  constructor(ranges: readonly string[]) {
    this.empty = ranges.length === 0;
    for (const range of ranges) {
      const cidr = parseCidr(range);
      if (typeof cidr === 'string') throw new TypeError(cidr);
      this.list.addSubnet(cidr.network, cidr.prefix, cidr.family);
    }
  }

  allows(address: string): boolean {
    if (this.empty) return true;
    const plain = unmappedAddress(address);
    const family = isIP(plain);
    if (family === 0) return false;
    return this.list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }
}

function ipv4Cidr(bytes: number[], prefix: number): Cidr {
  const network = bytes.map((byte, i) => byte & maskBits(prefix - i * 8, 8)).join('.');
  return { text: `${network}/${prefix}`, network, prefix, family: 'ipv4' };
}

/** The mask of one `width`-bit part of which the first `bits` bits (clamped to 0..width) belong to the network. */
function maskBits(bits: number, width: number): number {
  const n = Math.max(0, Math.min(width, bits));
  return n === 0 ? 0 : (((1 << n) - 1) << (width - n)) & ((1 << width) - 1);
}

const ipv4Bytes = (address: string): number[] => address.split('.').map(Number);

const isMapped = (groups: number[]): boolean => groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;

/** The eight 16-bit groups of a valid IPv6 address (WHATWG's URL parser spells embedded IPv4 in hex first). */
function ipv6Groups(address: string): number[] | null {
  let host: string;
  try {
    host = new URL(`http://[${address}]`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const [head, tail] = host.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  if (tail === undefined) return left;
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
