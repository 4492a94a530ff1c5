import { Module } from '@nestjs/common';
import { IdentityModule } from '@latchkey/identity';
import { AcceptInvitationController } from './commands/accept-invitation/accept-invitation.controller';
import { AcceptInvitationHandler } from './commands/accept-invitation/accept-invitation.handler';
import { CreateAppController } from './commands/create-app/create-app.controller';
import { CreateAppHandler } from './commands/create-app/create-app.handler';
import { CreateInvitationController } from './commands/create-invitation/create-invitation.controller';
import { CreateInvitationHandler } from './commands/create-invitation/create-invitation.handler';
import { RemoveMemberController } from './commands/remove-member/remove-member.controller';
import { RemoveMemberHandler } from './commands/remove-member/remove-member.handler';
import { RotateClientSecretController } from './commands/rotate-client-secret/rotate-client-secret.controller';
import { RotateClientSecretHandler } from './commands/rotate-client-secret/rotate-client-secret.handler';
import { SignupController } from './commands/signup/signup.controller';
import { SignupHandler } from './commands/signup/signup.handler';
import { UpdateMemberController } from './commands/update-member/update-member.controller';
import { UpdateMemberHandler } from './commands/update-member/update-member.handler';
import { OrganizationsLookup } from './contracts';
import { MembershipGuard } from './guards/membership.guard';
import { GetAppClientHandler } from './queries/get-app-client/get-app-client.handler';
import { GetMeController } from './queries/get-me/get-me.controller';
import { GetMembershipHandler } from './queries/get-membership/get-membership.handler';
import { GetOrganizationController } from './queries/get-organization/get-organization.controller';
import { ListAppsController } from './queries/list-apps/list-apps.controller';
import { ListMembersController } from './queries/list-members/list-members.controller';
import { LookUpAppController } from './queries/look-up-app/look-up-app.controller';
import { VerifyClientSecretHandler } from './queries/verify-client-secret/verify-client-secret.handler';
import { DeactivateUserWhenMemberRemoved } from './reactions/deactivate-user-when-member-removed.reaction';
import { FinishOnboardingWhenUserRegistered } from './reactions/finish-onboarding-when-user-registered.reaction';
import { PublishMemberRemovedWhenMemberRemoved } from './reactions/publish-member-removed-when-member-removed.reaction';
import { AppDirectoryProjection } from './read-models/app-directory/app-directory.projection';
import { InvitationIndexProjection } from './read-models/invitation-index/invitation-index.projection';
import { InvitationIndexReadModel } from './read-models/invitation-index/invitation-index.read-model';
import { MemberListReadModel } from './read-models/members/member-list.read-model';
import { MembershipStatusIndex } from './read-models/members/membership-status-index.projection';
import { OnboardingSteps } from './shared/onboarding-steps';
import { InMemoryOrganizationsLookup } from './shared/organizations-lookup';
import { RegistrationGate } from './shared/registration-gate';

/**
 * Organizations, their members and roles, invitations, and apps with their clients. Publishes the
 * membership (`GetMembershipQuery`) and the app directory (`GetAppClientQuery`,
 * `VerifyClientSecretQuery`) to the other modules, and `MEMBER_REMOVED` when a member is removed;
 * exports `OrganizationsLookup` for the token endpoint's hot path.
 */
@Module({
  imports: [IdentityModule],
  controllers: [
    SignupController,
    GetMeController,
    GetOrganizationController,
    ListMembersController,
    UpdateMemberController,
    RemoveMemberController,
    CreateInvitationController,
    AcceptInvitationController,
    CreateAppController,
    ListAppsController,
    LookUpAppController,
    RotateClientSecretController,
  ],
  providers: [
    // Read models
    MemberListReadModel,
    MembershipStatusIndex,
    InvitationIndexProjection,
    InvitationIndexReadModel,
    AppDirectoryProjection,
    { provide: OrganizationsLookup, useClass: InMemoryOrganizationsLookup },
    // Reactions (the runner calls a removal's reactions in this order: the user is deactivated, then the removal published)
    DeactivateUserWhenMemberRemoved,
    PublishMemberRemovedWhenMemberRemoved,
    FinishOnboardingWhenUserRegistered,
    // Commands
    OnboardingSteps,
    RegistrationGate,
    SignupHandler,
    CreateInvitationHandler,
    AcceptInvitationHandler,
    UpdateMemberHandler,
    RemoveMemberHandler,
    CreateAppHandler,
    RotateClientSecretHandler,
    // Queries
    GetMembershipHandler,
    GetAppClientHandler,
    VerifyClientSecretHandler,
    MembershipGuard,
  ],
  exports: [MembershipGuard, OrganizationsLookup],
})
export class OrganizationsModule {}
