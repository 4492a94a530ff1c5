import type { DirectoryClient, TokenDirectory } from '../directory/token-directory';
import { extractClientCredentials } from '../http/client-credentials';
import type { AuthApiRequest } from '../shared/auth-api-request';
import type { Clock } from '../shared/clock';
import type { Environment } from '../shared/environments';
import { FailureThrottle, type ThrottleRule } from '../shared/failure-throttle';
import { type OAuthError, OAuthErrors } from '../shared/oauth-error';
import { TOKEN_SETTINGS } from '../shared/token-settings';

export interface ClientThrottleRules {
  perClient: ThrottleRule;
  perAddress: ThrottleRule;
}

/**
 * Authenticates the app client of an Auth API request: HTTP Basic (`client_secret_basic`) or
 * `client_id` + `client_secret` in the body (`client_secret_post`), never both.
 *
 * Every failure answers the same `401 invalid_client` (unknown client, wrong secret, client of the
 * other environment), with `WWW-Authenticate: Basic` when the Authorization header was used.
 * Failures are counted per client id and per source address; past the limit every attempt is
 * answered `429 rate_limited` with `Retry-After` until the window ends.
 */
export class ClientAuthenticator {
  private readonly perClient: FailureThrottle;
  private readonly perAddress: FailureThrottle;

  constructor(
    private readonly directory: Pick<TokenDirectory, 'verifyClientSecret'>,
    clock: Clock,
    rules: ClientThrottleRules = { perClient: TOKEN_SETTINGS.clientFailures, perAddress: TOKEN_SETTINGS.addressFailures },
  ) {
    this.perClient = new FailureThrottle(rules.perClient, clock);
    this.perAddress = new FailureThrottle(rules.perAddress, clock);
  }

  async authenticate(environment: Environment, request: AuthApiRequest): Promise<DirectoryClient> {
    const presented = extractClientCredentials(request.authorization, request.params);
    if (presented.kind === 'conflict') {
      throw OAuthErrors.invalidRequest('Authenticate the client either with the Authorization header or in the form body, not both');
    }
    const addressKey = request.address;
    const addressWait = this.perAddress.retryAfterSeconds(addressKey);
    if (addressWait !== null) throw OAuthErrors.rateLimited(addressWait);
    if (presented.kind === 'invalid') {
      this.perAddress.recordFailure(addressKey);
      throw this.invalidClient(environment, presented.viaHeader);
    }
    const { clientId, clientSecret, method } = presented.credentials;
    const clientWait = this.perClient.retryAfterSeconds(clientId);
    if (clientWait !== null) throw OAuthErrors.rateLimited(clientWait);
    const client = await this.directory.verifyClientSecret(clientId, clientSecret);
    if (!client || client.environment !== environment) {
      this.perClient.recordFailure(clientId);
      this.perAddress.recordFailure(addressKey);
      throw this.invalidClient(environment, method === 'basic');
    }
    this.perClient.reset(clientId);
    return client;
  }

  private invalidClient(environment: Environment, viaHeader: boolean): OAuthError {
    const error = OAuthErrors.invalidClient();
    return viaHeader ? error.withHeaders({ 'www-authenticate': `Basic realm="Latchkey ${environment}", charset="UTF-8"` }) : error;
  }
}
