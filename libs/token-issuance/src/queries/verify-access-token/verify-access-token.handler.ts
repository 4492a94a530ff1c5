import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type LiveAccessToken, VerifyAccessTokenQuery } from '../../contracts';
import { AccessTokenVerifier } from '../../shared/access-tokens/access-token-verifier';

@QueryHandler(VerifyAccessTokenQuery)
export class VerifyAccessTokenHandler implements IQueryHandler<VerifyAccessTokenQuery> {
  constructor(@Inject(AccessTokenVerifier) private readonly verifier: AccessTokenVerifier) {}

  execute(query: VerifyAccessTokenQuery): Promise<LiveAccessToken | null> {
    if (query.environment !== 'production' && query.environment !== 'sandbox') return Promise.resolve(null);
    return this.verifier.live(query.environment, query.token);
  }
}
