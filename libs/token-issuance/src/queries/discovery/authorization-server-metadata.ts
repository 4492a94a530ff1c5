import type { EnvironmentIssuers } from '@latchkey/keys';
import { type Environment } from '@latchkey/building-blocks';
import { JWT_BEARER_GRANT, REFRESH_TOKEN_GRANT } from '../../commands/issue-token/token-endpoint';

export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'];

/** RFC 8414 authorization server metadata of one environment. */
export function authorizationServerMetadata(
  issuers: Pick<EnvironmentIssuers, 'issuer' | 'tokenEndpoint'>,
  environment: Environment,
  scopes: readonly string[],
): Record<string, unknown> {
  const issuer = issuers.issuer(environment);
  return {
    issuer,
    token_endpoint: issuers.tokenEndpoint(environment),
    revocation_endpoint: `${issuer}/restapi/oauth/revoke`,
    introspection_endpoint: `${issuer}/restapi/oauth/introspect`,
    jwks_uri: `${issuer}/restapi/oauth/jwks`,
    grant_types_supported: [JWT_BEARER_GRANT, REFRESH_TOKEN_GRANT],
    // There is no authorization endpoint: clients get tokens with the grants above only.
    response_types_supported: [],
    token_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    revocation_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    introspection_endpoint_auth_methods_supported: CLIENT_AUTH_METHODS,
    scopes_supported: [...scopes],
  };
}
