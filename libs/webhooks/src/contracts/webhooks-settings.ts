import { BlockList, isIP } from 'node:net';

/** How the webhooks module is configured (WEBHOOKS_ALLOW_PRIVATE). */
export interface WebhooksSettings {
  /** CIDRs of private targets deliveries may reach (and over `http`); link-local ranges never. */
  allowPrivate: readonly string[];
}

export const WEBHOOKS_SETTINGS = Symbol('WEBHOOKS_SETTINGS');

export const DEFAULT_WEBHOOKS_SETTINGS: WebhooksSettings = { allowPrivate: [] };

/** `10.0.0.0/8,127.0.0.0/8` → its entries; a bare address counts as its own /32 or /128. */
export function splitCidrList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Why a WEBHOOKS_ALLOW_PRIVATE entry is not a CIDR, or null when it is one. */
export function cidrProblem(entry: string): string | null {
  const [address, prefixText, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return `${JSON.stringify(entry)} is not an IP address or CIDR range`;
  if (prefixText === undefined) return null;
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= (family === 4 ? 32 : 128))) return `${JSON.stringify(entry)} has an invalid prefix length`;
  try {
    new BlockList().addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  } catch {
    return `${JSON.stringify(entry)} is not a CIDR range`;
  }
  return null;
}
