import { Inject, Injectable, Optional } from '@nestjs/common';
import { type Environment, FailureThrottle, lockoutCounter, Metrics, NO_METRICS, ThrottleStores } from '@latchkey/building-blocks';
import { type DirectoryClient, TOKEN_DIRECTORY, type TokenDirectory } from '../token-directory/token-directory';
import { extractClientCredentials } from '../../http/client-credentials';
import type { AuthApiRequest } from '../auth-api-request';
import { type OAuthError, OAuthErrors } from '../oauth-error';
import { TOKEN_SETTINGS } from '../token-settings';

/**
 * Authenticates the app client of an Auth API request: HTTP Basic (`client_secret_basic`) or
 * `client_id` + `client_secret` in the body (`client_secret_post`), never both.
 *
 * Every failure answers the same `401 invalid_client` (unknown client, wrong secret, client of the
 * other environment), with `WWW-Authenticate: Basic` when the Authorization header was used.
 * Failures are counted per client id and source address together, and per source address; past a
 * limit every attempt from there is answered `429 rate_limited` with `Retry-After` until the window
 * ends. Client ids are not secret (the console looks them up), so a lockout per client id alone
 * would let anyone lock a legitimate app out; keyed with the address, guessing locks out only the
 * guesser. (Secrets are 256-bit random: the limit is about noise, not about guessing odds.)
 */
@Injectable()
export class ClientAuthenticator {
  private readonly perClient: FailureThrottle;
  private readonly perAddress: FailureThrottle;
  private readonly clientLockouts: (lockoutMs: number) => number;
  private readonly addressLockouts: (lockoutMs: number) => number;

  constructor(
    @Inject(TOKEN_DIRECTORY) private readonly directory: Pick<TokenDirectory, 'verifyClientSecret'>,
    stores: ThrottleStores,
    @Optional() metrics: Metrics = NO_METRICS,
  ) {
    const { clientFailures, addressFailures, maxThrottledKeys } = TOKEN_SETTINGS;
    this.perClient = new FailureThrottle(clientFailures, stores.forThrottle('client-authentication.client', maxThrottledKeys));
    this.perAddress = new FailureThrottle(addressFailures, stores.forThrottle('client-authentication.address', maxThrottledKeys));
    this.clientLockouts = lockoutCounter(metrics, 'client-authentication.client');
    this.addressLockouts = lockoutCounter(metrics, 'client-authentication.address');
  }

  /** The authenticated client; throws an OAuthError (400, 401 or 429). */
  async authenticate(environment: Environment, request: AuthApiRequest): Promise<DirectoryClient> {
    const presented = extractClientCredentials(request.authorization, request.params);
    if (presented.kind === 'conflict') {
      throw OAuthErrors.invalidRequest('Authenticate the client either with the Authorization header or in the form body, not both');
    }
    const addressKey = request.address;
    const addressRead = this.perAddress.retryAfterMs(addressKey);
    if (presented.kind === 'invalid') {
      refuseWhileLocked(await addressRead);
      this.addressLockouts(await this.perAddress.recordFailure(addressKey));
      throw this.invalidClient(environment, presented.viaHeader);
    }
    const { clientId, clientSecret, method } = presented.credentials;
    const clientKey = `${clientId} ${addressKey}`;
    // Both lockouts are asked before either answer is awaited: with a shared store, one round trip
    // instead of two. (Two awaits cost less than Promise.all with the in-memory store.)
    const clientRead = this.perClient.retryAfterMs(clientKey);
    // Awaited below unless the address settles the request first: its rejection is never left unhandled.
    clientRead.catch(ignore);
    refuseWhileLocked(await addressRead);
    refuseWhileLocked(await clientRead);
    const client = this.directory.verifyClientSecret(clientId, clientSecret);
    if (!client || client.environment !== environment) {
      this.clientLockouts(await this.perClient.recordFailure(clientKey));
      this.addressLockouts(await this.perAddress.recordFailure(addressKey));
      throw this.invalidClient(environment, method === 'basic');
    }
    // Not waited for: the answer does not depend on it, and with a shared store it is a round trip on
    // every token request. It is sent before anything a later request sends on the same connection;
    // a store that cannot be reached logs it (and the next attempt is refused until it answers).
    this.perClient.reset(clientKey).catch(ignore);
    return client;
  }

  private invalidClient(environment: Environment, viaHeader: boolean): OAuthError {
    const error = OAuthErrors.invalidClient();
    return viaHeader ? error.withHeaders({ 'www-authenticate': `Basic realm="Latchkey ${environment}", charset="UTF-8"` }) : error;
  }
}

/** `429 rate_limited` with Retry-After while a lockout lasts. */
function refuseWhileLocked(waitMs: number): void {
  if (waitMs > 0) throw OAuthErrors.rateLimited(Math.max(1, Math.ceil(waitMs / 1000)));
}

const ignore = (): void => undefined;
