import type { ExpiryNoticeDays } from './credential.events';

const DAY_MS = 86_400_000;

/** What the expiry schedule knows of a live credential with an expiry. */
export interface ExpiryFacts {
  expiresAt: string;
  /** The notices given for this expiry. */
  notices: readonly ExpiryNoticeDays[];
  /** Whether its expiry was recorded. */
  expired: boolean;
}

/** What is due for a credential at some time: a notice, the record of its expiry, or nothing. */
export type ExpiryStep = { action: 'notice'; daysBefore: ExpiryNoticeDays } | { action: 'expire' } | null;

/**
 * What a credential's expiry calls for at `at`: its expiry once the time has come, else the 1-day
 * notice within the last day, else the 7-day notice within the last week. A notice whose time
 * passed unseen (the credential was created or changed closer to its expiry, or nothing ran) is
 * skipped: a 1-day notice is never followed by a 7-day one, and an expired credential gets no
 * notice at all.
 */
export function expiryStepAt(facts: ExpiryFacts, at: string): ExpiryStep {
  const left = Date.parse(facts.expiresAt) - Date.parse(at);
  if (left <= 0) return facts.expired ? null : { action: 'expire' };
  if (left <= DAY_MS) return facts.notices.includes(1) ? null : { action: 'notice', daysBefore: 1 };
  if (left <= 7 * DAY_MS) return facts.notices.length > 0 ? null : { action: 'notice', daysBefore: 7 };
  return null;
}

/** When the schedule should next look at a credential: the start of the next step not yet taken, or never. */
export function nextExpiryCheck(facts: ExpiryFacts): string | null {
  const expiresMs = Date.parse(facts.expiresAt);
  if (facts.expired) return null;
  if (facts.notices.includes(1)) return facts.expiresAt;
  if (facts.notices.length > 0) return new Date(expiresMs - DAY_MS).toISOString();
  return new Date(expiresMs - 7 * DAY_MS).toISOString();
}
