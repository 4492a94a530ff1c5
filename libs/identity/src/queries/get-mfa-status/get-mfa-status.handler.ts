import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetMfaStatusQuery, type MfaStatus } from '../../contracts';
import { AccountSecurityReadModel } from '../../read-models/account-security/account-security.read-model';

@QueryHandler(GetMfaStatusQuery)
export class GetMfaStatusHandler implements IQueryHandler<GetMfaStatusQuery> {
  constructor(private readonly security: AccountSecurityReadModel) {}

  async execute(query: GetMfaStatusQuery): Promise<MfaStatus> {
    return { totp: this.security.totpEnabled(query.userId) };
  }
}
