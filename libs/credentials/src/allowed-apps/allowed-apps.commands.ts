import { Command } from '@nestjs/cqrs';
import type { EventMetadata } from '@latchkey/event-store';
import type { MembershipView } from '@latchkey/organizations';
import type { CredentialRow } from '../read-models/credential-list.projection';

/** Allows one more app; on an "organization" credential, restricts it to that one app. */
export class AllowAppCommand extends Command<CredentialRow> {
  constructor(
    readonly caller: MembershipView,
    readonly credentialId: string,
    readonly clientId: string,
    readonly expectedRevision: number | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}

/** Removes one app from a specific list (never the last one). */
export class DisallowAppCommand extends Command<CredentialRow> {
  constructor(
    readonly caller: MembershipView,
    readonly credentialId: string,
    readonly clientId: string,
    readonly expectedRevision: number | undefined,
    readonly metadata: EventMetadata,
  ) {
    super();
  }
}
