import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type CredentialAllowlistEntry, GetCredentialAllowlistEntryQuery } from '../../contracts';
import { AllowlistProjection } from '../../read-models/allowlist/allowlist.projection';

/** O(1): a Map lookup in the allowlist projection. */
@QueryHandler(GetCredentialAllowlistEntryQuery)
export class GetAllowlistEntryHandler implements IQueryHandler<GetCredentialAllowlistEntryQuery> {
  constructor(private readonly allowlist: AllowlistProjection) {}

  async execute(query: GetCredentialAllowlistEntryQuery): Promise<CredentialAllowlistEntry | null> {
    return this.allowlist.allowlistEntry(query.credentialId);
  }
}
