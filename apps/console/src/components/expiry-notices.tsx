import type { Credential } from '../api';
import { Link } from '../router';
import { DateTime } from './date-time';

const DAY_MS = 86_400_000;
/** Credentials expiring within this many days are listed (the first expiry notice comes 7 days before). */
const SOON_DAYS = 7;

/** The credentials to warn about: active ones expiring within 7 days, then expired ones; soonest first. */
export function upcomingExpiries(items: Credential[], nowMs = Date.now()): { expiring: Credential[]; expired: Credential[] } {
  const byExpiry = (a: Credential, b: Credential) => Date.parse(a.expiresAt ?? '') - Date.parse(b.expiresAt ?? '');
  const expiring = items.filter((c) => c.status === 'active' && c.expiresAt !== null && Date.parse(c.expiresAt) - nowMs <= SOON_DAYS * DAY_MS);
  const expired = items.filter((c) => c.status === 'expired');
  return { expiring: expiring.sort(byExpiry), expired: expired.sort(byExpiry).reverse() };
}

function timeLeft(expiresAt: string, nowMs: number): string {
  const ms = Date.parse(expiresAt) - nowMs;
  if (ms < DAY_MS) return 'in less than a day';
  const days = Math.floor(ms / DAY_MS);
  return `in ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * A box above a list of credentials naming those that expire within 7 days and those that have
 * expired, each with its date and a link; nothing when there are none. Apps using them need a new
 * credential before the old one stops working.
 */
export function ExpiryNotices({ items, hrefFor, own }: { items: Credential[]; hrefFor: (c: Credential) => string; own: boolean }) {
  const nowMs = Date.now();
  const { expiring, expired } = upcomingExpiries(items, nowMs);
  if (expiring.length === 0 && expired.length === 0) return null;
  return (
    <section class="callout callout-warning expiry-notice" aria-labelledby="expiry-notice-heading">
      <h2 id="expiry-notice-heading">
        {expiring.length > 0
          ? `${expiring.length === 1 ? '1 credential expires' : `${expiring.length} credentials expire`} within 7 days`
          : 'Expired credentials'}
      </h2>
      <p>
        Apps using {own ? 'your' : 'these'} credentials stop getting tokens when they expire.{' '}
        {own ? 'Create a new JWT and switch the apps to it before then.' : 'Their owner can create new ones.'}
      </p>
      <ul>
        {expiring.map((c) => (
          <li key={c.id}>
            <Link href={hrefFor(c)}>{c.label}</Link> expires <DateTime value={c.expiresAt} /> ({timeLeft(c.expiresAt!, nowMs)})
          </li>
        ))}
        {expired.map((c) => (
          <li key={c.id}>
            <Link href={hrefFor(c)}>{c.label}</Link> expired <DateTime value={c.expiresAt} />
          </li>
        ))}
      </ul>
      {own && expiring.length > 0 ? (
        <p>
          <Link href="/credentials/new" class="button">
            Create JWT
          </Link>
        </p>
      ) : null}
    </section>
  );
}
