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
