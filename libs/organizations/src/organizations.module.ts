import { Module } from '@nestjs/common';
import { IdentityModule } from '@latchkey/identity';
import { OrganizationsLookup } from './contracts';
import { AppDirectoryController } from './queries/list-apps/app-directory.controller';
import { GetAppClientHandler, VerifyClientSecretHandler } from './queries/get-app-client/app-directory.handlers';
import { AppDirectoryProjection } from './read-models/app-directory/app-directory.projection';
import { CreateAppController } from './commands/create-app/create-app.controller';
import { CreateAppHandler } from './commands/create-app/create-app.handler';
import { RotateSecretController } from './commands/rotate-client-secret/rotate-client-secret.controller';
import { RotateClientSecretHandler } from './commands/rotate-client-secret/rotate-client-secret.handler';
import { MembershipGuard } from './guards/membership.guard';
import { AcceptInvitationController } from './commands/accept-invitation/accept-invitation.controller';
import { AcceptInvitationHandler } from './commands/accept-invitation/accept-invitation.handler';
import { CreateInvitationController } from './commands/create-invitation/create-invitation.controller';
import { CreateInvitationHandler } from './commands/create-invitation/create-invitation.handler';
import { InvitationIndexProjection } from './read-models/invitation-index/invitation-index.projection';
import { MeController } from './queries/get-me/get-me.controller';
import { GetMembershipHandler } from './queries/get-membership/get-membership.handler';
import { MemberListReadModel } from './read-models/members/member-list.read-model';
import { MemberRemovedReactor } from './reactions/member-removed.reactor';
import { OnboardingSteps } from './shared/onboarding-steps';
import { UserRegisteredListener } from './reactions/finish-onboarding-when-user-registered.reaction';
import { MembersController } from './queries/list-members/members.controller';
import { MembershipStatusIndex } from './read-models/members/membership-status-index.projection';
import { RemoveMemberHandler } from './commands/remove-member/remove-member.handler';
import { UpdateMemberHandler } from './commands/update-member/update-member.handler';
import { OrganizationController } from './queries/get-organization/get-organization.controller';
import { InMemoryOrganizationsLookup } from './shared/organizations-lookup';
import { SignupController } from './commands/signup/signup.controller';
import { SignupHandler } from './commands/signup/signup.handler';

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
    MeController,
    OrganizationController,
    MembersController,
    CreateInvitationController,
    AcceptInvitationController,
    CreateAppController,
    AppDirectoryController,
    RotateSecretController,
  ],
  providers: [
    MemberListReadModel,
    MembershipStatusIndex,
    InvitationIndexProjection,
    AppDirectoryProjection,
    { provide: OrganizationsLookup, useClass: InMemoryOrganizationsLookup },
    MemberRemovedReactor,
    OnboardingSteps,
    UserRegisteredListener,
    MembershipGuard,
    SignupHandler,
    GetMembershipHandler,
    UpdateMemberHandler,
    RemoveMemberHandler,
    CreateInvitationHandler,
    AcceptInvitationHandler,
    CreateAppHandler,
    RotateClientSecretHandler,
    GetAppClientHandler,
    VerifyClientSecretHandler,
  ],
  exports: [MembershipGuard, OrganizationsLookup],
})
export class OrganizationsModule {}
