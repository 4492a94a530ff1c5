import { DomainError } from '@latchkey/building-blocks';
import { EventStoreUnavailableError } from '@latchkey/event-store';
import { USER_REGISTERED, type UserRegisteredIntegrationEvent } from '@latchkey/identity';
import type { MemberListReadModel } from '../read-models/members/member-list.read-model';
import type { OnboardingSteps } from '../shared/onboarding-steps';
import { FinishOnboardingWhenUserRegistered } from './finish-onboarding-when-user-registered.reaction';

describe('FinishOnboardingWhenUserRegistered', () => {
  const event = (onboarding?: UserRegisteredIntegrationEvent['onboarding']): UserRegisteredIntegrationEvent => ({
    type: USER_REGISTERED,
    userId: 'u1',
    email: 'ann@acme.test',
    name: 'Ann',
    ...(onboarding ? { onboarding } : {}),
    position: 42,
  });
  const founding = { kind: 'found-organization', organizationId: 'org-1', organizationName: 'Acme' };
  const members = { membershipOf: (userId: string) => (userId === 'u-admin' ? { userId, email: 'admin@acme.test' } : null) };
  const reactionWith = (finish: jest.Mock) => ({
    reaction: new FinishOnboardingWhenUserRegistered({ finish } as unknown as OnboardingSteps, members as unknown as MemberListReadModel),
    finish,
  });

  it('finishes the organization step of a registration, as the user who registered', async () => {
    const { reaction, finish } = reactionWith(jest.fn().mockResolvedValue({}));
    await reaction.handle(event(founding));
    expect(finish).toHaveBeenCalledWith(expect.objectContaining({ userId: 'u1', email: 'ann@acme.test', name: 'Ann' }), founding, {
      actor: { userId: 'u1', email: 'ann@acme.test' },
      correlationId: `${USER_REGISTERED}@42`,
      address: null,
    });
  });

  it('adds a service user as the admin who created it', async () => {
    const { reaction, finish } = reactionWith(jest.fn().mockResolvedValue({}));
    const adding = { kind: 'add-service-user', organizationId: 'org-1', role: 'developer', permissions: ['ReadAccounts'], addedBy: 'u-admin' };
    await reaction.handle(event(adding));
    expect(finish).toHaveBeenCalledWith(
      expect.objectContaining({ userId: 'u1' }),
      adding,
      expect.objectContaining({ actor: { userId: 'u-admin', email: 'admin@acme.test' } }),
    );
  });

  it('acts from the registering request’s client address, when it had one', async () => {
    const { reaction, finish } = reactionWith(jest.fn().mockResolvedValue({}));
    await reaction.handle({ ...event(founding), address: '203.0.113.7' });
    expect(finish).toHaveBeenCalledWith(expect.anything(), founding, expect.objectContaining({ address: '203.0.113.7' }));
  });

  it('ignores registrations that asked for nothing it understands', async () => {
    const { reaction, finish } = reactionWith(jest.fn());
    await reaction.handle(event());
    await reaction.handle(event({ kind: 'other' }));
    expect(finish).not.toHaveBeenCalled();
  });

  it('gives up on a refusal, which a retry would not change', async () => {
    const { reaction } = reactionWith(jest.fn().mockRejectedValue(new DomainError('conflict', 'ORGANIZATION_EXISTS', 'exists')));
    await expect(reaction.handle(event(founding))).resolves.toBeUndefined();
  });

  it('fails when the store is unavailable, so that the reaction is retried', async () => {
    const { reaction } = reactionWith(jest.fn().mockRejectedValue(new EventStoreUnavailableError('down')));
    await expect(reaction.handle(event(founding))).rejects.toThrow('down');
  });
});
