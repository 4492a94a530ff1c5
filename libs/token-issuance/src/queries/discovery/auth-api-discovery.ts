import { Injectable } from '@nestjs/common';
import { EnvironmentIssuers, KeyRing } from '@latchkey/keys';
import { PERMISSIONS } from '@latchkey/organizations';
import { type Environment } from '@latchkey/building-blocks';
import { authorizationServerMetadata } from './authorization-server-metadata';

/** What the Auth API publishes about itself: the JWKS of its access-token keys and its RFC 8414 metadata. */
@Injectable()
export class AuthApiDiscovery {
  constructor(
    private readonly keys: KeyRing,
    private readonly issuers: EnvironmentIssuers,
  ) {}

  jwks(environment: Environment): unknown {
    return this.keys.jwks(environment, 'access_token');
  }

  metadata(environment: Environment): Record<string, unknown> {
    return authorizationServerMetadata(this.issuers, environment, PERMISSIONS);
  }
}
