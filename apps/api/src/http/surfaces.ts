import type { HttpSurface } from '@latchkey/building-blocks';

/** The Auth API's paths (token, revocation, introspection, JWKS, metadata) in both environments: it logs and counts its own answers. */
const AUTH_API_PREFIXES = ['/restapi/oauth/', '/sandbox/restapi/oauth/', '/.well-known/oauth-authorization-server'];
const PLATFORM_API_PREFIXES = ['/restapi/', '/sandbox/restapi/'];
const PROBES = ['/health', '/ready'];

/** Which surface a URL (or a route's path) belongs to, by its first characters: no allocation. */
export function surfaceOf(url: string): HttpSurface {
  if (url.startsWith('/console/')) return 'console';
  for (const prefix of AUTH_API_PREFIXES) if (url.startsWith(prefix)) return 'auth';
  for (const prefix of PLATFORM_API_PREFIXES) if (url.startsWith(prefix)) return 'platform';
  for (const probe of PROBES) if (url.startsWith(probe) && (url.length === probe.length || url[probe.length] === '?')) return 'probe';
  return 'other';
}
