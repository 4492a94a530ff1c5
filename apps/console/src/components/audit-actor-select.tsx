import { useId } from 'preact/hooks';
import type { Member } from '../api';

interface AuditActorSelectProps {
  id: string;
  /** The organization's members, removed ones included; undefined while they load. */
  members: Member[] | undefined;
  /** The chosen member's user ID, or '' for anyone. */
  value: string;
  onChange(userId: string): void;
}

const memberLabel = (member: Member) => `${member.name} (${member.email})${member.status === 'active' ? '' : ', removed'}`;

/** The audit log's "Who" filter: the members of the organization, by name and e-mail. */
export function AuditActorSelect({ id, members, value, onChange }: AuditActorSelectProps) {
  const hint = useId();
  const sorted = [...(members ?? [])].sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
  // A user ID the address names that is not (or not yet) among the members is still shown as chosen.
  const unlisted = value && !sorted.some((m) => m.userId === value) ? value : null;
  return (
    <div class="field">
      <label for={id}>Who</label>
      <p class="hint" id={hint}>
        Only what this member did.
      </p>
      <select id={id} aria-describedby={hint} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">Anyone</option>
        {unlisted ? (
          <option key="unlisted" value={unlisted}>
            {members ? `Unknown user (${unlisted})` : unlisted}
          </option>
        ) : null}
        {sorted.map((member) => (
          <option key={member.userId} value={member.userId}>
            {memberLabel(member)}
          </option>
        ))}
      </select>
    </div>
  );
}
