import { randomUUID } from 'node:crypto';
import { type EnvironmentIssuers, type KeyRing, signJwt } from '@latchkey/keys';
import type { Environment } from '../shared/environments';

export interface AccessTokenRequest {
  environment: Environment;
  /** The owner's user id in the environment. */
  subject: string;
  clientId: string;
  scope: string;
  sessionId: string;
  credentialId: string;
  /** Epoch seconds. */
  issuedAt: number;
  ttlSeconds: number;
}

/** The audience of access tokens: the environment's resource API. */
export const resourceAudience = (issuer: string): string => `${issuer}/restapi`;

/**
 * Access tokens are RFC 9068 JWTs (`typ: at+jwt`), ES256-signed with the environment's active
 * access-token key, carrying the session (`sid`) and credential (`cid`) they depend on so every
 * use can check both.
 */
export class AccessTokenIssuer {
  constructor(
    private readonly keys: Pick<KeyRing, 'activeKey'>,
    private readonly issuers: Pick<EnvironmentIssuers, 'issuer'>,
  ) {}

  issue(request: AccessTokenRequest): string {
    const issuer = this.issuers.issuer(request.environment);
    return signJwt(this.keys.activeKey(request.environment, 'access_token'), 'at+jwt', {
      iss: issuer,
      sub: request.subject,
      aud: resourceAudience(issuer),
      client_id: request.clientId,
      scope: request.scope,
      jti: randomUUID(),
      iat: request.issuedAt,
      exp: request.issuedAt + request.ttlSeconds,
      sid: request.sessionId,
      cid: request.credentialId,
    });
  }
}
