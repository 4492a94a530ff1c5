/**
 * The JOSE header `typ` of a credential JWT. Distinct from access tokens (`at+jwt`), so that neither
 * can be presented as the other.
 */
export const CREDENTIAL_JWT_TYPE = 'credential+jwt';

/**
 * The claims of a credential JWT, exactly these: `iss` (the environment's issuer), `aud` (the
 * environment's token endpoint URL), `sub` (the owner's user id in that environment), `jti` (the
 * credential id, the key of its allowlist entry), `iat` and `exp` (epoch seconds; for a credential
 * that never expires, 2100-01-01T00:00:00Z = 4102444800). Signed ES256 with the environment's
 * `credential` key, whose `kid` is in the header.
 */
export interface CredentialJwtClaims {
  iss: string;
  aud: string;
  sub: string;
  jti: string;
  iat: number;
  exp: number;
}

/**
 * Every credential JWT starts with these 60 characters: its header is serialized in a fixed order,
 * `{"alg":"ES256","typ":"credential+jwt","kid":"` then the key id, and these 45 bytes encode to
 * whole base64url characters. Secret scanners match on it (docs/secret-scanning/).
 */
export const CREDENTIAL_JWT_PREFIX = 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImNyZWRlbnRpYWwrand0Iiwia2lkIjoi';

/** A whole Latchkey credential JWT in text: the prefix, the rest of the header, the claims and an ES256 signature (64 bytes, 86 characters). */
export const CREDENTIAL_JWT_PATTERN = new RegExp(
  `\\b${CREDENTIAL_JWT_PREFIX}[A-Za-z0-9_-]{4,400}\\.[A-Za-z0-9_-]{20,4000}\\.[A-Za-z0-9_-]{86}(?![A-Za-z0-9_-])`,
);
