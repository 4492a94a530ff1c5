import { INACTIVITY_NOTICE_DAYS } from '@latchkey/organizations';

const DAY_MS = 86_400_000;
const NOTICE_MS = INACTIVITY_NOTICE_DAYS * DAY_MS;

/** What the inactivity schedule knows of a live credential. */
export interface InactivityFacts {
  /** Its last use, or its creation. */
  lastActivityAt: string;
  expiresAt: string | null;
  notice: { inactiveSince: string; revokeAt: string } | null;
}

/** The next step for a credential: a notice, or the revocation a notice of this period announced. */
export type InactivityStep =
  { action: 'notice'; dueAt: string; inactiveSince: string; revokeBy: string } | { action: 'revoke'; dueAt: string; inactiveSince: string };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * When a credential unused for `days` days gets its notice (7 days before the revocation) and its
 * revocation (no earlier than `days` after its last activity, and never earlier than 7 days after
 * its notice: a policy set or lowered today gives credentials already past the limit a week).
 * None when the policy revokes nothing, or when the credential expires first.
 */
export function nextInactivityStep(facts: InactivityFacts, days: number | null): InactivityStep | null {
  if (days === null) return null;
  const inactiveSince = facts.lastActivityAt;
  const revokeByMs = Date.parse(inactiveSince) + days * DAY_MS;
  const step: InactivityStep =
    facts.notice?.inactiveSince === inactiveSince
      ? { action: 'revoke', dueAt: iso(Math.max(revokeByMs, Date.parse(facts.notice.revokeAt))), inactiveSince }
      : { action: 'notice', dueAt: iso(revokeByMs - NOTICE_MS), inactiveSince, revokeBy: iso(revokeByMs) };
  if (facts.expiresAt !== null && Date.parse(step.dueAt) >= Date.parse(facts.expiresAt)) return null;
  return step;
}

/** The revocation a notice given at `noticedAt` announces: when the limit is reached, and at least 7 days after the notice. */
export const announcedRevocation = (revokeBy: string, noticedAt: string): string =>
  iso(Math.max(Date.parse(revokeBy), Date.parse(noticedAt) + NOTICE_MS));
