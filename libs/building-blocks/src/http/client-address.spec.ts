import type { IncomingMessage } from 'node:http';
import { TrustedProxies, trustProxyEntryProblem } from './client-address';

/** A raw Node request as far as the resolver reads it: the socket peer and the headers. */
function rawRequest(peer: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

describe('TrustedProxies', () => {
  it('without trusted proxies, the client is the socket peer and X-Forwarded-For is ignored', () => {
    const none = new TrustedProxies([]);
    expect(none.trust).toBe(false);
    expect(none.clientAddress(rawRequest('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    expect(none.isTrustedPeer('127.0.0.1')).toBe(false);
  });

  it('through a trusted proxy, the client is the right-most forwarded address that is not a trusted proxy', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8', 'loopback']);
    // client → 10.1.1.1 (a trusted inner proxy) → 10.0.0.5 (the peer)
    expect(proxies.clientAddress(rawRequest('10.0.0.5', '198.51.100.7, 10.1.1.1'))).toBe('198.51.100.7');
    // A client cannot hide behind an address it wrote itself: only the right-most untrusted one counts.
    expect(proxies.clientAddress(rawRequest('10.0.0.5', '192.0.2.1, 198.51.100.7'))).toBe('198.51.100.7');
    expect(proxies.clientAddress(rawRequest('127.0.0.1', '198.51.100.8'))).toBe('198.51.100.8');
    expect(proxies.clientAddress(rawRequest('::1', '2001:db8::5'))).toBe('2001:db8::5');
    // Through a trusted proxy that forwarded nothing, the client is the proxy.
    expect(proxies.clientAddress(rawRequest('10.0.0.5'))).toBe('10.0.0.5');
  });

  it('from a peer that is not a trusted proxy, X-Forwarded-For is ignored', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8']);
    expect(proxies.clientAddress(rawRequest('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
  });

  it('trusts IPv4-mapped IPv6 peers in an IPv4 range, and tells trusted peers', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8']);
    expect(proxies.isTrustedPeer('::ffff:10.2.3.4')).toBe(true);
    expect(proxies.isTrustedPeer('10.2.3.4')).toBe(true);
    expect(proxies.isTrustedPeer('11.2.3.4')).toBe(false);
    expect(proxies.isTrustedPeer(undefined)).toBe(false);
  });

  it('refuses an entry that is not an address, a CIDR range or loopback', () => {
    expect(() => new TrustedProxies(['10.0.0.0/8', 'proxy.internal'])).toThrow(/TRUST_PROXY: "proxy.internal" is not an IP address/);
    expect(trustProxyEntryProblem('fd00::/8')).toBeNull();
    expect(trustProxyEntryProblem('uniquelocal')).toMatch(/is not an IP address/);
  });
});
