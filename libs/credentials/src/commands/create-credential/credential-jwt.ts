import { Injectable } from '@nestjs/common';
import { EnvironmentIssuers, KeyRing, signJwt } from '@latchkey/keys';
import { CREDENTIAL_JWT_TYPE, type CredentialJwtClaims } from '../../contracts';
import type { CredentialCreated } from '../../domain/credential/credential.events';
import { epochSeconds, NEVER_EXPIRES_AT } from '../../domain/credential/credential.state';

/** The claims of a new credential's JWT, from the event that created it. */
export function credentialJwtClaims(created: CredentialCreated['data'], issuers: EnvironmentIssuers): CredentialJwtClaims {
  return {
    iss: issuers.issuer(created.environment),
    aud: issuers.tokenEndpoint(created.environment),
    sub: created.ownerEnvironmentUserId,
    jti: created.credentialId,
    iat: epochSeconds(created.createdAt),
    exp: epochSeconds(created.expiresAt ?? NEVER_EXPIRES_AT),
  };
}

/**
 * Mints the JWT of a credential that was just created. The JWT is returned once to its creator and
 * never stored or logged: only the credential id (`jti`) is kept.
 */
@Injectable()
export class CredentialJwtMinter {
  constructor(
    private readonly keys: KeyRing,
    private readonly issuers: EnvironmentIssuers,
  ) {}

  mint(created: CredentialCreated['data']): string {
    return signJwt(this.keys.activeKey(created.environment, 'credential'), CREDENTIAL_JWT_TYPE, { ...credentialJwtClaims(created, this.issuers) });
  }
}
