import { Injectable } from '@nestjs/common';
import { type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import type { MembershipView } from '@latchkey/organizations';
import { type CredentialRequestCommand, credentialRequestNotFound } from '../domain/credential-request/credential-request.decide';
import { credentialRequestDecider } from '../domain/credential-request/credential-request.decider';
import { credentialRequestStream } from '../domain/credential-request/credential-request.events';
import type { CredentialCommand } from '../domain/credential/credential.decide';
import type { CredentialRequestRow } from '../read-models/credential-requests/credential-requests.projection';
import { CredentialRequestsReadModel } from '../read-models/credential-requests/credential-requests.read-model';
import { CredentialWriter } from './credential-writer';
import { KeyedQueue } from './keyed-queue';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A developer_admin's decision on a credential request: first the credential follows it (the app
 * becomes usable, or leaves the list), then the request records it. In that order a crash between
 * the two leaves the request pending, and deciding it again completes it (the credential's side
 * records nothing the second time). Decisions on one request run one at a time in this process.
 */
@Injectable()
export class CredentialRequestDecisions {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly requests: CredentialRequestsReadModel,
    private readonly writer: CredentialWriter,
    private readonly executor: DeciderExecutor,
  ) {}

  /** The request of the admin's organization, or `404 CREDENTIAL_REQUEST_NOT_FOUND` (also for another organization's). */
  find(requestId: string, admin: MembershipView): CredentialRequestRow {
    const row = UUID.test(requestId) ? this.requests.byId(requestId.toLowerCase()) : null;
    if (!row || row.organization_id !== admin.organizationId) throw credentialRequestNotFound();
    return row;
  }

  decide(
    requestId: string,
    admin: MembershipView,
    credentialCommand: (row: CredentialRequestRow) => CredentialCommand,
    requestCommand: CredentialRequestCommand,
    context: RequestContext,
  ): Promise<CredentialRequestRow> {
    return this.queue.run(requestId, async () => {
      const row = this.find(requestId, admin);
      const metadata = eventMetadata(context);
      // A request already decided is refused by its decider; the credential is left alone then.
      if (row.status === 'pending') await this.writer.execute(row.credential_id, credentialCommand(row), { metadata });
      await this.executor.execute(credentialRequestDecider, credentialRequestStream(row.request_id), requestCommand, { metadata });
      return this.find(requestId, admin);
    });
  }
}
