import { DomainError } from '@latchkey/building-blocks';
import { EventStoreUnavailableError } from '@latchkey/event-store';
import { USER_REGISTERED, type UserRegisteredIntegrationEvent } from '@latchkey/identity';
import type { OnboardingSteps } from '../shared/onboarding-steps';
import { UserRegisteredListener } from './finish-onboarding-when-user-registered.reaction';

describe('UserRegisteredListener', () => {
  const event = (onboarding?: UserRegisteredIntegrationEvent['onboarding']): UserRegisteredIntegrationEvent => ({
    type: USER_REGISTERED,
    userId: 'u1',
    email: 'ann@acme.test',
    name: 'Ann',
    ...(onboarding ? { onboarding } : {}),
    position: 42,
  });
  const founding = { kind: 'found-organization', organizationId: 'org-1', organizationName: 'Acme' };
  const listenerWith = (finish: jest.Mock) => ({ listener: new UserRegisteredListener({ finish } as unknown as OnboardingSteps), finish });

  it('finishes the organization step of a registration, as the user who registered', async () => {
    const { listener, finish } = listenerWith(jest.fn().mockResolvedValue({}));
    await listener.handle(event(founding));
    expect(finish).toHaveBeenCalledWith(expect.objectContaining({ userId: 'u1', email: 'ann@acme.test', name: 'Ann' }), founding, {
      actor: { userId: 'u1', email: 'ann@acme.test' },
      correlationId: `${USER_REGISTERED}@42`,
      address: null,
    });
  });

  it('ignores registrations that asked for nothing it understands', async () => {
    const { listener, finish } = listenerWith(jest.fn());
    await listener.handle(event());
    await listener.handle(event({ kind: 'other' }));
    expect(finish).not.toHaveBeenCalled();
  });

  it('gives up on a refusal, which a retry would not change', async () => {
    const { listener } = listenerWith(jest.fn().mockRejectedValue(new DomainError('conflict', 'ORGANIZATION_EXISTS', 'exists')));
    await expect(listener.handle(event(founding))).resolves.toBeUndefined();
  });

  it('fails when the store is unavailable, so that the reaction is retried', async () => {
    const { listener } = listenerWith(jest.fn().mockRejectedValue(new EventStoreUnavailableError('down')));
    await expect(listener.handle(event(founding))).rejects.toThrow('down');
  });
});
