import { Module } from '@nestjs/common';
import { IdentityModule } from '@latchkey/identity';
import { AcceptInvitationController } from './commands/accept-invitation/accept-invitation.controller';
import { AcceptInvitationHandler } from './commands/accept-invitation/accept-invitation.handler';
import { CancelInvitationController } from './commands/cancel-invitation/cancel-invitation.controller';
import { CancelInvitationHandler } from './commands/cancel-invitation/cancel-invitation.handler';
import { ClearMemberMfaController } from './commands/clear-member-mfa/clear-member-mfa.controller';
import { ClearMemberMfaHandler } from './commands/clear-member-mfa/clear-member-mfa.handler';
import { IssueMemberPasswordResetController } from './commands/issue-member-password-reset/issue-member-password-reset.controller';
import { IssueMemberPasswordResetHandler } from './commands/issue-member-password-reset/issue-member-password-reset.handler';
import { CreateApiTokenController } from './commands/create-api-token/create-api-token.controller';
import { RevokeOrganizationApiTokenController } from './commands/revoke-organization-api-token/revoke-organization-api-token.controller';
import { ListOrganizationApiTokensController } from './queries/list-organization-api-tokens/list-organization-api-tokens.controller';
import { CreateAppController } from './commands/create-app/create-app.controller';
import { CreateAppHandler } from './commands/create-app/create-app.handler';
import { DeleteAppController } from './commands/delete-app/delete-app.controller';
import { DeleteAppHandler } from './commands/delete-app/delete-app.handler';
import { UpdateAppController } from './commands/update-app/update-app.controller';
import { UpdateAppHandler } from './commands/update-app/update-app.handler';
import { CreateInvitationController } from './commands/create-invitation/create-invitation.controller';
import { CreateInvitationHandler } from './commands/create-invitation/create-invitation.handler';
import { RemoveMemberController } from './commands/remove-member/remove-member.controller';
import { RemoveMemberHandler } from './commands/remove-member/remove-member.handler';
import { RotateClientSecretController } from './commands/rotate-client-secret/rotate-client-secret.controller';
import { RotateClientSecretHandler } from './commands/rotate-client-secret/rotate-client-secret.handler';
import { SetPolicyController } from './commands/set-policy/set-policy.controller';
import { SetPolicyHandler } from './commands/set-policy/set-policy.handler';
import { SignupController } from './commands/signup/signup.controller';
import { SignupHandler } from './commands/signup/signup.handler';
import { UpdateMemberController } from './commands/update-member/update-member.controller';
import { UpdateMemberHandler } from './commands/update-member/update-member.handler';
import { OrganizationsLookup } from './contracts';
import { MembershipGuard } from './guards/membership.guard';
import { GetAppClientHandler } from './queries/get-app-client/get-app-client.handler';
import { GetMeController } from './queries/get-me/get-me.controller';
import { GetMembershipHandler } from './queries/get-membership/get-membership.handler';
import { GetPolicyController } from './queries/get-policy/get-policy.controller';
import { GetOrganizationPolicyHandler } from './queries/get-policy/get-policy.handler';
import { GetOrganizationController } from './queries/get-organization/get-organization.controller';
import { ListAppsController } from './queries/list-apps/list-apps.controller';
import { ListInvitationsController } from './queries/list-invitations/list-invitations.controller';
import { ListMembersController } from './queries/list-members/list-members.controller';
import { LookUpAppController } from './queries/look-up-app/look-up-app.controller';
import { LookUpInvitationController } from './queries/look-up-invitation/look-up-invitation.controller';
import { VerifyClientSecretHandler } from './queries/verify-client-secret/verify-client-secret.handler';
import { CancelInvitationsWhenMemberRemoved } from './reactions/cancel-invitations-when-member-removed.reaction';
import { CancelInvitationsWhenMemberUpdated } from './reactions/cancel-invitations-when-member-updated.reaction';
import { DeactivateUserWhenMemberRemoved } from './reactions/deactivate-user-when-member-removed.reaction';
import { FinishOnboardingWhenUserRegistered } from './reactions/finish-onboarding-when-user-registered.reaction';
import { PublishMemberRemovedWhenMemberRemoved } from './reactions/publish-member-removed-when-member-removed.reaction';
import { PublishMemberRoleChangedWhenMemberUpdated } from './reactions/publish-member-role-changed-when-member-updated.reaction';
import { AppDirectoryProjection } from './read-models/app-directory/app-directory.projection';
import { InvitationIndexProjection } from './read-models/invitation-index/invitation-index.projection';
import { InvitationIndexReadModel } from './read-models/invitation-index/invitation-index.read-model';
import { InvitationListProjection } from './read-models/invitation-list/invitation-list.projection';
import { InvitationListReadModel } from './read-models/invitation-list/invitation-list.read-model';
import { PolicyProjection } from './read-models/policy/policy.projection';
import { PolicyReadModel } from './read-models/policy/policy.read-model';
import { MemberListReadModel } from './read-models/members/member-list.read-model';
import { MembershipStatusIndex } from './read-models/members/membership-status-index.projection';
import { OnboardingSteps } from './shared/onboarding-steps';
import { InviterInvitations } from './shared/inviter-invitations';
import { InMemoryOrganizationsLookup } from './shared/organizations-lookup';
import { RegistrationGate } from './shared/registration-gate';
import { ListAppsCreatedByHandler } from './queries/member-footprint/list-apps-created-by.handler';
import { ListPendingInvitationsIssuedByHandler } from './queries/member-footprint/list-pending-invitations-issued-by.handler';
import { CreateServiceUserController } from './commands/create-service-user/create-service-user.controller';
import { CreateServiceUserHandler } from './commands/create-service-user/create-service-user.handler';
import { CreateMemberSandboxAccountController } from './commands/create-member-sandbox-account/create-member-sandbox-account.controller';

/**
 * Organizations, their members and roles, invitations, and apps with their clients. Publishes the
 * membership (`GetMembershipQuery`) and the app directory (`GetAppClientQuery`,
 * `VerifyClientSecretQuery`) and each organization's credential policy (`GetOrganizationPolicyQuery`) to the other
 * modules, `MEMBER_REMOVED` when a member is removed and
 * `MEMBER_ROLE_CHANGED` when a member's role changes;
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
    IssueMemberPasswordResetController,
    ClearMemberMfaController,
    CreateInvitationController,
    ListInvitationsController,
    CancelInvitationController,
    AcceptInvitationController,
    LookUpInvitationController,
    CreateAppController,
    ListAppsController,
    LookUpAppController,
    UpdateAppController,
    DeleteAppController,
    RotateClientSecretController,
    CreateApiTokenController,
    ListOrganizationApiTokensController,
    RevokeOrganizationApiTokenController,
    GetPolicyController,
    SetPolicyController,
    CreateServiceUserController,
    CreateMemberSandboxAccountController,
  ],
  providers: [
    // Read models
    MemberListReadModel,
    MembershipStatusIndex,
    InvitationIndexProjection,
    InvitationIndexReadModel,
    InvitationListProjection,
    InvitationListReadModel,
    AppDirectoryProjection,
    PolicyProjection,
    PolicyReadModel,
    { provide: OrganizationsLookup, useClass: InMemoryOrganizationsLookup },
    // Reactions (the runner calls an event's reactions in this order: a removed user is deactivated and their
    // invitations cancelled, then the removal published; a demoted admin's invitations are cancelled, then the change published)
    DeactivateUserWhenMemberRemoved,
    CancelInvitationsWhenMemberRemoved,
    PublishMemberRemovedWhenMemberRemoved,
    CancelInvitationsWhenMemberUpdated,
    PublishMemberRoleChangedWhenMemberUpdated,
    FinishOnboardingWhenUserRegistered,
    // Commands
    OnboardingSteps,
    RegistrationGate,
    InviterInvitations,
    SignupHandler,
    CreateInvitationHandler,
    CancelInvitationHandler,
    AcceptInvitationHandler,
    UpdateMemberHandler,
    RemoveMemberHandler,
    IssueMemberPasswordResetHandler,
    ClearMemberMfaHandler,
    CreateAppHandler,
    UpdateAppHandler,
    DeleteAppHandler,
    RotateClientSecretHandler,
    SetPolicyHandler,
    CreateServiceUserHandler,
    // Queries
    GetMembershipHandler,
    GetAppClientHandler,
    VerifyClientSecretHandler,
    GetOrganizationPolicyHandler,
    ListAppsCreatedByHandler,
    ListPendingInvitationsIssuedByHandler,
    MembershipGuard,
  ],
  exports: [MembershipGuard, OrganizationsLookup],
})
export class OrganizationsModule {}
