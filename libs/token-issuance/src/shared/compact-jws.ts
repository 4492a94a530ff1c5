/** Exactly three non-empty base64url parts: a compact JWS. JWS JSON serialization and JWE (five parts) never match. */
export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The protected header of a compact JWS as a plain JSON object, or null when it is not one. */
export function decodeJwsHeader(token: string): Record<string, unknown> | null {
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && !Array.isArray(header) ? (header as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A short, fixed description of a `jose` verification failure (never the token's content). */
export function describeJoseFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the algorithm is not allowed (ES256 only)';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the signature does not verify';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as { claim?: string; reason?: string };
      if (claim === 'typ') return 'the token type is wrong';
      return reason === 'missing' ? `the ${claim} claim is missing` : `the ${claim} claim is invalid`;
    }
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'the signing key is unknown';
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'the token uses an unsupported feature';
    default:
      return 'the token is malformed';
  }
}
