import { recorded } from '@latchkey/event-store/testing';
import type { Recorded } from '@latchkey/event-store';
import type { MemberRemoved } from '../domain/organization/organization.events';

/** A recorded `MemberRemoved` of user `u2` from `org-a` at position 7, removed by `actor`. */
export function memberRemoved(actor: { userId: string; email?: string } | null, streamName = 'organization-org-a'): Recorded<MemberRemoved> {
  const [event] = recorded(
    [
      {
        streamName,
        type: 'MemberRemoved',
        data: { organizationId: 'org-a', userId: 'u2', removedAt: '2026-03-01T10:00:00.000Z' },
        metadata: { correlationId: 'c1', actor },
      },
    ],
    7,
  );
  return event as Recorded<MemberRemoved>;
}
