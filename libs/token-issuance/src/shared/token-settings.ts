/**
 * Limits and lifetimes of the Auth API, in one place (the README and the OpenAPI description
 * repeat them).
 */
export const TOKEN_SETTINGS = {
  /** Access token lifetime in seconds: requested values are clamped into this range, never rejected. */
  accessTokenTtl: { min: 600, max: 3600, default: 3600 },
  /** Refresh token lifetime in seconds, clamped likewise. */
  refreshTokenTtl: { min: 60, max: 604_800, default: 604_800 },
  /** Allowed clock difference when checking a credential JWT's `exp` (and `nbf`), in seconds. */
  credentialClockToleranceSeconds: 30,
  /** Longest credential JWT, access token or refresh token accepted, in characters. */
  maxTokenLength: 4096,
  /** Largest form body accepted by the token, revocation and introspection endpoints. */
  maxFormBodyBytes: 16 * 1024,
  /** Most parameters in one form body. */
  maxFormParameters: 32,
  /** Verified credential JWTs and access tokens remembered (each cache, per process). */
  verifiedTokenCacheEntries: 10_000,
  /** How often aggregated credential usage is written to the credentials module. */
  usageFlushIntervalMs: 5000,
  /** Failed client authentications allowed per client id and address in one window; then 429 until the window ends. */
  clientFailures: { limit: 10, windowMs: 60_000, lockout: 'rest-of-window' },
  /** Failed client authentications allowed per source address in one window; then 429 until the window ends. */
  addressFailures: { limit: 100, windowMs: 60_000, lockout: 'rest-of-window' },
  /** Keys each client-authentication throttle keeps per instance (the oldest is forgotten first). */
  maxThrottledKeys: 50_000,
  /** Longest `endpoint_id` accepted. */
  maxEndpointIdLength: 128,
  /** How often the Auth API logs its answers counted by status (it logs no line per request). */
  requestSummaryIntervalMs: 60_000,
} as const;

/** Parses a TTL parameter: digits only, else the default; then clamps into [min, max]. */
export function clampTtl(raw: string | undefined, range: { min: number; max: number; default: number }): number {
  if (raw === undefined || !/^\d{1,12}$/.test(raw)) return range.default;
  const value = Number(raw);
  return Math.min(range.max, Math.max(range.min, value));
}
