import { type Environment } from '@latchkey/building-blocks';
import type { SessionRevocations } from '../access-tokens/access-token-verifier';
import type { DirectoryClient } from '../token-directory/token-directory';
import { TOKEN_SETTINGS } from '../token-settings';
import type { RefreshTokenClaims, RefreshTokenCodec } from './refresh-token-codec';

export interface RefreshTokenChecks {
  refreshTokens: Pick<RefreshTokenCodec, 'decode'>;
  revokedSessions: SessionRevocations;
}

/**
 * The claims of a refresh token the client may present now: authentic, of this environment, issued
 * to this client, unexpired, and of a session not revoked. Null otherwise. (Whether it is still its
 * session's current one, and its credential still usable, is for the caller to check.)
 */
export function usableRefreshToken(
  checks: RefreshTokenChecks,
  token: string,
  environment: Environment,
  client: Pick<DirectoryClient, 'clientId'>,
  now: number,
): RefreshTokenClaims | null {
  if (token.length > TOKEN_SETTINGS.maxTokenLength) return null;
  const claims = checks.refreshTokens.decode(token);
  if (
    !claims ||
    claims.environment !== environment ||
    claims.clientId !== client.clientId ||
    claims.expiresAt <= now ||
    checks.revokedSessions.isRevoked(claims.sessionId)
  ) {
    return null;
  }
  return claims;
}
