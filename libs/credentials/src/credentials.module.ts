import { Module } from '@nestjs/common';
import { IdentityModule } from '@latchkey/identity';
import { OrganizationsModule } from '@latchkey/organizations';
import { AllowAppController } from './commands/allow-app/allow-app.controller';
import { AllowAppHandler } from './commands/allow-app/allow-app.handler';
import { CreateCredentialController } from './commands/create-credential/create-credential.controller';
import { CreateCredentialHandler } from './commands/create-credential/create-credential.handler';
import { CredentialJwtMinter } from './commands/create-credential/credential-jwt';
import { DeleteCredentialController } from './commands/delete-credential/delete-credential.controller';
import { DeleteCredentialHandler } from './commands/delete-credential/delete-credential.handler';
import { DisallowAppController } from './commands/disallow-app/disallow-app.controller';
import { DisallowAppHandler } from './commands/disallow-app/disallow-app.handler';
import { LeakReportThrottle } from './commands/report-leaked-credentials/leak-report-throttle';
import { LeakedCredentialRevoker } from './commands/report-leaked-credentials/leaked-credential-revoker';
import { ReportLeakedCredentialsController } from './commands/report-leaked-credentials/report-leaked-credentials.controller';
import { RecordUsageHandler } from './commands/record-usage/record-usage.handler';
import { RevokeCredentialController } from './commands/revoke-credential/revoke-credential.controller';
import { RevokeCredentialHandler } from './commands/revoke-credential/revoke-credential.handler';
import { UpdateCredentialController } from './commands/update-credential/update-credential.controller';
import { UpdateCredentialHandler } from './commands/update-credential/update-credential.handler';
import { GetAllowlistEntryHandler } from './queries/get-allowlist-entry/get-allowlist-entry.handler';
import { GetCredentialController } from './queries/get-credential/get-credential.controller';
import { GetCredentialHistoryController } from './queries/get-credential-history/get-credential-history.controller';
import { ListCredentialsController } from './queries/list-credentials/list-credentials.controller';
import { ListMemberCredentialsController } from './queries/list-member-credentials/list-member-credentials.controller';
import { RevokeCredentialsWhenMemberRemoved } from './reactions/revoke-credentials-when-member-removed.reaction';
import { AllowlistProjection } from './read-models/allowlist/allowlist.projection';
import { CredentialsLookup } from './contracts';
import { CredentialHistoryProjection } from './read-models/credential-history/credential-history.projection';
import { CredentialHistoryReadModel } from './read-models/credential-history/credential-history.read-model';
import { CredentialListProjection } from './read-models/credential-list/credential-list.projection';
import { CredentialListReadModel } from './read-models/credential-list/credential-list.read-model';
import { CredentialAccess } from './shared/credential-access';
import { CredentialWriter } from './shared/credential-writer';
import { CredentialPresenter } from './shared/credential.presenter';
import { RevokePolicyViolationsController } from './commands/revoke-policy-violations/revoke-policy-violations.controller';
import { RevokePolicyViolationsHandler } from './commands/revoke-policy-violations/revoke-policy-violations.handler';
import { ListPolicyViolationsController } from './queries/list-policy-violations/list-policy-violations.controller';
import { PolicyViolations } from './shared/policy-violations';
import { NoticeOrRevokeWhenInactive } from './reactions/notice-or-revoke-when-inactive.job';
import { InactivityScheduleProjection } from './read-models/inactivity-schedule/inactivity-schedule.projection';
import { NoticeExpiry } from './reactions/notice-expiry.job';
import { ExpiryScheduleProjection } from './read-models/expiry-schedule/expiry-schedule.projection';
import { CreateServiceUserCredentialController } from './commands/create-service-user-credential/create-service-user-credential.controller';
import { GetMemberOffboardingController } from './queries/get-member-offboarding/get-member-offboarding.controller';
import { OffboardingAppUsageProjection } from './read-models/offboarding-app-usage/offboarding-app-usage.projection';
import { ApproveCredentialRequestController } from './commands/approve-credential-request/approve-credential-request.controller';
import { ApproveCredentialRequestHandler } from './commands/approve-credential-request/approve-credential-request.handler';
import { DenyCredentialRequestController } from './commands/deny-credential-request/deny-credential-request.controller';
import { DenyCredentialRequestHandler } from './commands/deny-credential-request/deny-credential-request.handler';
import { ListCredentialRequestsController } from './queries/list-credential-requests/list-credential-requests.controller';
import { CredentialRequestsProjection } from './read-models/credential-requests/credential-requests.projection';
import { CredentialRequestsReadModel } from './read-models/credential-requests/credential-requests.read-model';
import { CredentialRequestDecisions } from './shared/credential-request-decisions';
import { ThirdPartyRequests } from './shared/third-party-requests';

/**
 * JWT credentials: their lifecycle (create, change, allow and disallow apps, revoke, delete), the
 * JWT minted at creation, and the read models — lists per owner and organization, the allowlist the
 * token endpoint consults (`GetCredentialAllowlistEntryQuery`) and each credential's history (the
 * organization's audit log is the audit module's). Records uses
 * (`RecordCredentialUsageCommand`), revokes a removed member's credentials, checks credentials against the
 * organization's policy, gives unused credentials their inactivity notice and then revokes them, and gives
 * expiring credentials their notices (7 days and 1 day before) and records their expiry.
 * Developer admins create the credentials of service users, and see what stops working when a member
 * leaves (the offboarding view).
 * Under `thirdPartyApps: "approval"`, apps of other organizations become credential requests that
 * developer_admins approve or deny.
 */
@Module({
  imports: [IdentityModule, OrganizationsModule],
  controllers: [
    CreateCredentialController,
    ListCredentialsController,
    GetCredentialController,
    UpdateCredentialController,
    AllowAppController,
    DisallowAppController,
    RevokeCredentialController,
    DeleteCredentialController,
    GetCredentialHistoryController,
    ListMemberCredentialsController,
    ListPolicyViolationsController,
    RevokePolicyViolationsController,
    ReportLeakedCredentialsController,
    CreateServiceUserCredentialController,
    GetMemberOffboardingController,
    ListCredentialRequestsController,
    ApproveCredentialRequestController,
    DenyCredentialRequestController,
  ],
  providers: [
    CredentialListProjection,
    AllowlistProjection,
    CredentialHistoryProjection,
    InactivityScheduleProjection,
    ExpiryScheduleProjection,
    OffboardingAppUsageProjection,
    CredentialListReadModel,
    CredentialHistoryReadModel,
    CredentialAccess,
    LeakReportThrottle,
    LeakedCredentialRevoker,
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
    { provide: CredentialsLookup, useExisting: AllowlistProjection },
    RevokeCredentialsWhenMemberRemoved,
    PolicyViolations,
    RevokePolicyViolationsHandler,
    NoticeOrRevokeWhenInactive,
    NoticeExpiry,
    CredentialRequestsProjection,
    CredentialRequestsReadModel,
    ThirdPartyRequests,
    CredentialRequestDecisions,
    ApproveCredentialRequestHandler,
    DenyCredentialRequestHandler,
  ],
  exports: [CredentialsLookup],
})
export class CredentialsModule {}
