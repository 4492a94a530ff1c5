import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, throwIfInvalid } from '@latchkey/building-blocks';
import type { CredentialRequestRow } from '../../read-models/credential-requests/credential-requests.projection';
import { REQUEST_TEXT_MAX_LENGTH, textErrors } from '../../shared/credential-input';
import { CredentialRequestDecisions } from '../../shared/credential-request-decisions';
import { DenyCredentialRequestCommand } from './deny-credential-request.command';

@CommandHandler(DenyCredentialRequestCommand)
export class DenyCredentialRequestHandler implements ICommandHandler<DenyCredentialRequestCommand> {
  constructor(
    private readonly decisions: CredentialRequestDecisions,
    private readonly clock: Clock,
  ) {}

  async execute({ admin, requestId, reason, context }: DenyCredentialRequestCommand): Promise<CredentialRequestRow> {
    this.decisions.find(requestId, admin);
    throwIfInvalid(textErrors('reason', reason, { min: 1, max: REQUEST_TEXT_MAX_LENGTH, noun: 'a reason' }));
    const at = this.clock.now().toISOString();
    return this.decisions.decide(
      requestId,
      admin,
      (row) => ({ type: 'DenyApp', clientId: row.client_id, requestId: row.request_id, reason, at }),
      { type: 'DenyCredentialRequest', organizationId: admin.organizationId, decidedBy: { userId: admin.userId, email: admin.email }, reason, at },
      context,
    );
  }
}
