import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy';

/** Resolves a host name to every address it has (node:dns by default; tests bring their own). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/** The connection was refused because the target resolved to an address the policy refuses. */
export class RefusedAddressError extends Error {
  override readonly name = 'RefusedAddressError';
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED';
}

/**
 * A `lookup` for the socket: resolves the host when the connection is made (not only when the URL
 * was registered, so a name re-pointed at 127.0.0.1 later is caught) and refuses the connection
 * unless every address it resolves to is permitted. The socket connects only to addresses checked
 * here.
 */
export function guardedLookup(policy: AddressPolicy, protocol: 'http:' | 'https:', resolver: Resolver): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void) => {
    resolver(hostname).then(
      (addresses) => {
        const usable = addresses.filter((a) => !options.family || a.family === options.family);
        if (usable.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
        if (!usable.every((a) => policy.permits(a.address, protocol))) {
          return callback(new RefusedAddressError(`${hostname} resolves to an address webhooks may not reach`));
        }
        if (options.all) return callback(null, usable);
        callback(null, usable[0].address, usable[0].family);
      },
      (error: unknown) => callback(error),
    );
  }) as LookupFunction;
}
