import type { Member } from '../api';

/** Marks a service user (no password, never signs in) wherever members are listed. */
export function ServiceBadge({ member }: { member: Pick<Member, 'kind'> }) {
  return member.kind === 'service' ? (
    <span class="badge badge-service" title="A service user: no password, never signs in">
      Service
    </span>
  ) : null;
}
