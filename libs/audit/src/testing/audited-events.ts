import type { GivenEvent } from '@latchkey/event-store/testing';

export const ORG = 'org-acme';
export const ADMIN = { userId: 'user-admin', email: 'admin@acme.test' };
export const ADDRESS = '203.0.113.7';

const T = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();
export const at = T;

/** An event as its module records it: on `<category>-<id>`, with the request's actor and address in the metadata. */
export function event(
  streamName: string,
  type: string,
  data: Record<string, unknown>,
  actor: { userId: string; email?: string } | null = ADMIN,
  address: string | null = ADDRESS,
): GivenEvent {
  return { streamName, type, data, metadata: { correlationId: 'corr', actor, ...(address ? { address } : {}) } };
}

export const memberJoined = (userId: string, email: string, organizationId = ORG, minute = 0) =>
  event(
    `organization-${organizationId}`,
    'MemberJoined',
    { organizationId, userId, email, name: 'N', role: 'developer', permissions: ['ReadAccounts'], invitationId: null, joinedAt: T(minute) },
    { userId, email },
  );
