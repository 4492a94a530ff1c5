import { Module } from '@nestjs/common';
import { IdentityModule } from '@latchkey/identity';
import { OrganizationsLookup } from './contracts';
import { AppDirectoryController } from './apps/app-directory.controller';
import { GetAppClientHandler, VerifyClientSecretHandler } from './apps/app-directory.handlers';
import { AppDirectoryProjection } from './apps/app-directory.projection';
import { CreateAppController } from './apps/create-app/create-app.controller';
import { CreateAppHandler } from './apps/create-app/create-app.handler';
import { RotateSecretController } from './apps/rotate-secret/rotate-secret.controller';
import { RotateClientSecretHandler } from './apps/rotate-secret/rotate-secret.handler';
import { MembershipGuard } from './guards/membership.guard';
import { AcceptInvitationController } from './invitations/accept-invitation/accept-invitation.controller';
import { AcceptInvitationHandler } from './invitations/accept-invitation/accept-invitation.handler';
import { CreateInvitationController } from './invitations/create-invitation/create-invitation.controller';
import { CreateInvitationHandler } from './invitations/create-invitation/create-invitation.handler';
import { InvitationIndexProjection } from './invitations/invitation-index.projection';
import { MeController } from './me/me.controller';
import { GetMembershipHandler } from './members/get-membership.handler';
import { MemberListReadModel } from './members/member-list.read-model';
import { MemberRemovedReactor } from './members/member-removed.reactor';
import { OnboardingSteps } from './onboarding/onboarding-steps';
import { UserRegisteredListener } from './onboarding/user-registered.listener';
import { MembersController } from './members/members.controller';
import { MembershipStatusIndex } from './members/membership-status-index';
import { RemoveMemberHandler } from './members/remove-member/remove-member.handler';
import { UpdateMemberHandler } from './members/update-member/update-member.handler';
import { OrganizationController } from './organizations/organization.controller';
import { InMemoryOrganizationsLookup } from './shared/organizations-lookup';
import { SignupController } from './signup/signup.controller';
import { SignupHandler } from './signup/signup.handler';

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
