import { Query } from '@nestjs/cqrs';
import { type Environment } from '@latchkey/building-blocks';

/** An access token that is authentic, unexpired and still live right now. */
export interface LiveAccessToken {
  environment: Environment;
  /** `sub`: the user's id in the environment (the token response's `owner_id`). */
  environmentUserId: string;
  /** The owner's console user id. */
  userId: string;
  /** The organization of the credential the token was issued on. */
  organizationId: string;
  clientId: string;
  credentialId: string;
  sessionId: string;
  /** The granted scopes. */
  scopes: string[];
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
  issuer: string;
}

/**
 * Verifies an access token presented to a resource in `environment` and checks, in O(1), that it
 * is still live: its session is not revoked, its credential is active and unexpired, its owner is
 * active and the app is still allowed. Null otherwise (for any reason: callers answer 401).
 */
export class VerifyAccessTokenQuery extends Query<LiveAccessToken | null> {
  constructor(
    readonly environment: Environment,
    readonly token: string,
  ) {
    super();
  }
}
