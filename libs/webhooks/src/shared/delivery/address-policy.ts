import { BlockList, isIP } from 'node:net';

/** Never reachable, whatever WEBHOOKS_ALLOW_PRIVATE says: link-local, which holds the cloud metadata services. */
const LINK_LOCAL: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
  // AWS's IPv6 metadata address (inside fc00::/7, named here so that allowing a private IPv6 range never opens it).
  ['fd00:ec2::254', 128, 'ipv6'],
];

/** Not public: refused unless allowed. */
const NON_PUBLIC: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

function blockList(entries: readonly [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const list = new BlockList();
  for (const [address, prefix, type] of entries) list.addSubnet(address, prefix, type);
  return list;
}

export type AddressVerdict = 'public' | 'allowed-private' | 'refused';

/**
 * Which addresses a delivery may connect to: public ones; private, loopback and other non-public
 * ones only inside WEBHOOKS_ALLOW_PRIVATE; link-local (and so the metadata services) never.
 */
export class AddressPolicy {
  private readonly linkLocal = blockList(LINK_LOCAL);
  private readonly nonPublic = blockList(NON_PUBLIC);
  private readonly allowed: BlockList;

  constructor(readonly allowPrivate: readonly string[]) {
    this.allowed = blockList(
      allowPrivate.map((entry) => {
        const [address, prefix] = entry.split('/');
        const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
        return [address, prefix === undefined ? (type === 'ipv4' ? 32 : 128) : Number(prefix), type] as [string, number, 'ipv4' | 'ipv6'];
      }),
    );
  }

  verdict(address: string): AddressVerdict {
    const normalized = unmapped(address);
    const family = isIP(normalized);
    if (family === 0) return 'refused';
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.linkLocal.check(normalized, type)) return 'refused';
    if (this.allowed.check(normalized, type)) return 'allowed-private';
    return this.nonPublic.check(normalized, type) ? 'refused' : 'public';
  }

  /** May a connection over `protocol` reach `address`? `http` only to allowed private targets. */
  permits(address: string, protocol: 'http:' | 'https:'): boolean {
    const verdict = this.verdict(address);
    return protocol === 'https:' ? verdict !== 'refused' : verdict === 'allowed-private';
  }
}

/** `::ffff:127.0.0.1` is 127.0.0.1: an IPv4-mapped address is judged as the IPv4 address it carries. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match ? match[1] : address;
}
