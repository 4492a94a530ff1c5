import proxyAddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** Whether `address`, `hop` steps from the server (0: the socket peer), is a trusted reverse proxy. */
export type TrustProxyFn = (address: string, hop: number) => boolean;

/** The one named range an operator may write in `TRUST_PROXY`. */
const NAMED_RANGES = new Set(['loopback']);

/**
 * Why one `TRUST_PROXY` entry is not acceptable, or null when it is: `loopback`, an IPv4 or IPv6
 * address, or either with a CIDR prefix length of at least 1 (`10.0.0.0/8`, `fd00::/8`). Addresses must be
 * written plainly (`10` is not 0.0.0.10), and the entry must also compile with proxy-addr, the
 * library that Fastify itself uses to resolve the client address.
 */
export function trustProxyEntryProblem(entry: string): string | null {
  if (entry === '') return 'an entry is empty';
  if (!NAMED_RANGES.has(entry)) {
    const slash = entry.indexOf('/');
    const address = slash < 0 ? entry : entry.slice(0, slash);
    const family = isIP(address);
    if (family === 0) return `"${entry}" is not an IP address, a CIDR range or loopback`;
    if (slash >= 0) {
      const prefix = entry.slice(slash + 1);
      const max = family === 4 ? 32 : 128;
      // proxy-addr refuses /0 too: trusting every address would let any client pick its own.
      if (!/^\d{1,3}$/.test(prefix) || Number(prefix) < 1 || Number(prefix) > max) return `"${entry}" has a prefix length that is not 1 to ${max}`;
    }
  }
  try {
    proxyAddr.compile(entry);
  } catch {
    return `"${entry}" is not an IP address, a CIDR range or loopback`;
  }
  return null;
}

/** The entries of a `TRUST_PROXY` value: comma-separated, surrounding spaces ignored. */
export function splitTrustProxy(value: string): string[] {
  return value.split(',').map((entry) => entry.trim());
}

/**
 * The reverse proxies whose `X-Forwarded-For` is believed, compiled once, and the one rule that
 * turns a connection into a client address. Fastify is given `trust` (its `trustProxy` option), so
 * `request.ip` (and with it the request context's `address`) follows this rule; code that sees a
 * raw Node request (`IncomingMessage`: the request logger, anything answering in front of Fastify)
 * calls `clientAddress` and gets the same answer.
 *
 * The client address is the right-most address of the chain (socket peer, then `X-Forwarded-For`
 * from right to left) that is not a trusted proxy. With no trusted proxy, it is the socket peer
 * and proxy headers are ignored.
 */
export class TrustedProxies {
  /** Fastify's `trustProxy` option: the compiled trust function, or false when no proxy is trusted. */
  readonly trust: TrustProxyFn | false;

  /** `entries` must have been checked with `trustProxyEntryProblem` (the configuration does). */
  constructor(readonly entries: readonly string[] = []) {
    for (const entry of entries) {
      const problem = trustProxyEntryProblem(entry);
      if (problem) throw new TypeError(`TRUST_PROXY: ${problem}`);
    }
    this.trust = entries.length === 0 ? false : proxyAddr.compile([...entries]);
  }

  /** The client address of a raw Node request, exactly as Fastify's `request.ip` resolves it. */
  clientAddress(request: IncomingMessage): string {
    if (this.trust === false) return request.socket.remoteAddress ?? '';
    return proxyAddr(request, this.trust);
  }

  /** Whether a socket peer is a trusted proxy itself (many clients share its connections). */
  isTrustedPeer(address: string | undefined): boolean {
    return this.trust !== false && address !== undefined && this.trust(address, 0);
  }
}
