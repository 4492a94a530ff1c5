import { Injectable, Logger, Optional } from '@nestjs/common';
import { Metrics, NO_METRICS } from '@latchkey/building-blocks';
import { RevocationEndpoint } from '../commands/revoke-token/revocation-endpoint';
import { TokenEndpoint } from '../commands/issue-token/token-endpoint';
import { AuthApiDiscovery } from '../queries/discovery/auth-api-discovery';
import { IntrospectionEndpoint } from '../queries/introspect-token/introspection-endpoint';
import { authApiPlugin } from './auth-api.routes';

/** The Auth API's Fastify plugin over the module's endpoints, logging through Nest's logger. */
@Injectable()
export class AuthApi {
  private readonly logger = new Logger('AuthApi');

  constructor(
    private readonly tokens: TokenEndpoint,
    private readonly revocations: RevocationEndpoint,
    private readonly introspections: IntrospectionEndpoint,
    private readonly discovery: AuthApiDiscovery,
    @Optional() private readonly metrics: Metrics = NO_METRICS,
  ) {}

  plugin() {
    return authApiPlugin(
      {
        token: (environment, request) => this.tokens.handle(environment, request),
        revoke: (environment, request) => this.revocations.handle(environment, request),
        introspect: (environment, request) => this.introspections.handle(environment, request),
        jwks: (environment) => this.discovery.jwks(environment),
        metadata: (environment) => this.discovery.metadata(environment),
      },
      {
        error: (message, error) => this.logger.error({ err: error }, message),
        // Plain keys: `req`, `res` and `err` would go through the request logger's serializers.
        failedRequest: ({ id, method, path, statusCode, responseTimeMs }) =>
          this.logger.error({ reqId: id, method, path, statusCode, responseTime: responseTimeMs }, 'request errored'),
        answers: (summary) => this.logger.log(summary, 'Auth API answers'),
      },
      { metrics: this.metrics },
    );
  }
}
