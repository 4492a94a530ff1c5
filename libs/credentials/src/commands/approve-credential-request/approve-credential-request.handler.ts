import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@latchkey/building-blocks';
import type { CredentialRequestRow } from '../../read-models/credential-requests/credential-requests.projection';
import { optionalRequestText } from '../../shared/credential-input';
import { CredentialRequestDecisions } from '../../shared/credential-request-decisions';
import { ApproveCredentialRequestCommand } from './approve-credential-request.command';

@CommandHandler(ApproveCredentialRequestCommand)
export class ApproveCredentialRequestHandler implements ICommandHandler<ApproveCredentialRequestCommand> {
  constructor(
    private readonly decisions: CredentialRequestDecisions,
    private readonly clock: Clock,
  ) {}

  async execute({ admin, requestId, note, context }: ApproveCredentialRequestCommand): Promise<CredentialRequestRow> {
    this.decisions.find(requestId, admin);
    const text = optionalRequestText('note', note);
    const at = this.clock.now().toISOString();
    return this.decisions.decide(
      requestId,
      admin,
      (row) => ({ type: 'ApproveApp', clientId: row.client_id, requestId: row.request_id, at }),
      {
        type: 'ApproveCredentialRequest',
        organizationId: admin.organizationId,
        decidedBy: { userId: admin.userId, email: admin.email },
        note: text,
        at,
      },
      context,
    );
  }
}
