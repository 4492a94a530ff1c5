import {
  DURATION_BUCKETS_SECONDS,
  type CounterSeries,
  type Environment,
  ENVIRONMENTS,
  type HistogramSeries,
  type Metrics,
  secondsSince,
} from '@latchkey/building-blocks';
import { JWT_BEARER_GRANT, REFRESH_TOKEN_GRANT } from '../commands/issue-token/token-endpoint';
import { OAUTH_ERROR_CODES } from '../shared/oauth-error';

/** The grant types counted by name; anything else a client sends (or none) is `other`, so the label stays bounded. */
const GRANT_TYPES = [JWT_BEARER_GRANT, REFRESH_TOKEN_GRANT] as const;
type GrantLabel = (typeof GRANT_TYPES)[number] | 'other';

/** `issued`, or the OAuth `errorCode` of the refusal. */
export type TokenOutcome = 'issued' | (typeof OAUTH_ERROR_CODES)[number];

/**
 * `latchkey_token_requests_total{environment,grant_type,outcome}` and
 * `latchkey_token_request_duration_seconds`. Every series is resolved here, once (2 environments ×
 * 3 grant labels × 15 outcomes): recording a request is two lookups and two increments, with no
 * label object built per request.
 */
export class TokenRequestMetrics {
  private readonly requests: Record<Environment, Record<GrantLabel, Record<TokenOutcome, CounterSeries>>>;
  private readonly duration: HistogramSeries;

  constructor(metrics: Metrics) {
    const counter = metrics.counter({
      name: 'latchkey_token_requests_total',
      help: 'Token requests (POST …/restapi/oauth/token), by environment, grant type (other: any other value) and outcome (issued, or the OAuth errorCode)',
      labelNames: ['environment', 'grant_type', 'outcome'],
    });
    const outcomes: readonly TokenOutcome[] = ['issued', ...OAUTH_ERROR_CODES];
    const byGrant = (environment: Environment) =>
      Object.fromEntries(
        [...GRANT_TYPES, 'other'].map((grant_type) => [
          grant_type,
          Object.fromEntries(outcomes.map((outcome) => [outcome, counter.series({ environment, grant_type, outcome })])),
        ]),
      ) as Record<GrantLabel, Record<TokenOutcome, CounterSeries>>;
    this.requests = Object.fromEntries(ENVIRONMENTS.map((environment) => [environment, byGrant(environment)])) as typeof this.requests;
    this.duration = metrics
      .histogram({
        name: 'latchkey_token_request_duration_seconds',
        help: 'Time from a token request being read to its answer being handed to the server',
        labelNames: [],
        buckets: DURATION_BUCKETS_SECONDS,
      })
      .series({});
  }

  /** `grantType` as the client sent it (or undefined); `startMs` a `performance.now()` reading. */
  record(environment: Environment, grantType: string | undefined, outcome: TokenOutcome, startMs: number): void {
    const byGrant = this.requests[environment];
    const byOutcome = grantType === JWT_BEARER_GRANT || grantType === REFRESH_TOKEN_GRANT ? byGrant[grantType] : byGrant.other;
    byOutcome[outcome].inc();
    this.duration.observe(secondsSince(startMs));
  }
}
