import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import type { OrganizationPolicyView } from '../../contracts';
import { policyDecider } from '../../domain/policy/policy.decider';
import { policyStream } from '../../domain/policy/policy.events';
import { PolicyReadModel } from '../../read-models/policy/policy.read-model';
import { SetPolicyCommand } from './set-policy.command';

/** Replaces the organization's policy; answers it once the read models include the change. */
@CommandHandler(SetPolicyCommand)
export class SetPolicyHandler implements ICommandHandler<SetPolicyCommand> {
  constructor(
    private readonly executor: DeciderExecutor,
    private readonly policies: PolicyReadModel,
    private readonly clock: Clock,
  ) {}

  async execute({ organizationId, policy, expectedRevision, context }: SetPolicyCommand): Promise<OrganizationPolicyView> {
    await this.executor.execute(
      policyDecider,
      policyStream(organizationId),
      { type: 'SetPolicy', organizationId, policy, expectedRevision, at: this.clock.now().toISOString() },
      { metadata: eventMetadata(context) },
    );
    return this.policies.of(organizationId);
  }
}
