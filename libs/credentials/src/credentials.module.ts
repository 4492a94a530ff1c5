import { Module } from '@nestjs/common';
import { IdentityModule } from '@latchkey/identity';
import { OrganizationsModule } from '@latchkey/organizations';
import { AllowedAppsController } from './allowed-apps/allowed-apps.controller';
import { AllowAppHandler, DisallowAppHandler } from './allowed-apps/allowed-apps.handlers';
import { CreateCredentialController } from './create-credential/create-credential.controller';
import { CreateCredentialHandler } from './create-credential/create-credential.handler';
import { CredentialJwtMinter } from './create-credential/credential-jwt';
import { DeleteCredentialController } from './delete-credential/delete-credential.controller';
import { DeleteCredentialHandler } from './delete-credential/delete-credential.handler';
import { AuditController } from './history/audit.controller';
import { CredentialHistoryController } from './history/credential-history.controller';
import { ListCredentialsController } from './list-credentials/list-credentials.controller';
import { MemberCredentialsController } from './list-credentials/member-credentials.controller';
import { RevokeOnMemberRemoved } from './reactions/revoke-on-member-removed';
import { AllowlistProjection } from './read-models/allowlist.projection';
import { CredentialHistoryProjection } from './read-models/credential-history.projection';
import { CredentialHistoryReadModel } from './read-models/credential-history.read-model';
import { CredentialListProjection } from './read-models/credential-list.projection';
import { CredentialListReadModel } from './read-models/credential-list.read-model';
import { GetAllowlistEntryHandler } from './read-models/get-allowlist-entry.handler';
import { RevokeCredentialController } from './revoke-credential/revoke-credential.controller';
import { RevokeCredentialHandler } from './revoke-credential/revoke-credential.handler';
import { CredentialAccess } from './shared/credential-access';
import { CredentialWriter } from './shared/credential-writer';
import { CredentialPresenter } from './shared/credential.view';
import { UpdateCredentialController } from './update-credential/update-credential.controller';
import { UpdateCredentialHandler } from './update-credential/update-credential.handler';
import { RecordUsageHandler } from './usage/record-usage.handler';

/**
 * JWT credentials: their lifecycle (create, change, allow and disallow apps, revoke, delete), the
 * JWT minted at creation, and the read models — lists per owner and organization, the allowlist the
 * token endpoint consults (`GetCredentialAllowlistEntryQuery`), history and audit log. Records uses
 * (`RecordCredentialUsageCommand`) and revokes a removed member's credentials.
 */
@Module({
  imports: [IdentityModule, OrganizationsModule],
  controllers: [
    CreateCredentialController,
    ListCredentialsController,
    UpdateCredentialController,
    AllowedAppsController,
    RevokeCredentialController,
    DeleteCredentialController,
    CredentialHistoryController,
    MemberCredentialsController,
    AuditController,
  ],
  providers: [
    CredentialListProjection,
    AllowlistProjection,
    CredentialHistoryProjection,
    CredentialListReadModel,
    CredentialHistoryReadModel,
    CredentialAccess,
    CredentialWriter,
    CredentialPresenter,
    CredentialJwtMinter,
    CreateCredentialHandler,
    UpdateCredentialHandler,
    AllowAppHandler,
    DisallowAppHandler,
    RevokeCredentialHandler,
    DeleteCredentialHandler,
    RecordUsageHandler,
    GetAllowlistEntryHandler,
    RevokeOnMemberRemoved,
  ],
})
export class CredentialsModule {}
