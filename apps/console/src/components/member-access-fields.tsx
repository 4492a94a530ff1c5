import { PERMISSIONS, ROLES, type Role } from '../api';
import { roleLabel } from '../format';
import { CheckboxGroup } from './checkbox-group';

/** The permissions a member is given on the Platform API. */
export function PermissionChoices({ value, onChange, name }: { value: string[]; onChange(next: string[]): void; name: string }) {
  return (
    <CheckboxGroup
      legend="Platform permissions"
      hint="What this person may do through the Platform API, whichever app they use."
      name={name}
      options={PERMISSIONS}
      value={value}
      onChange={onChange}
    />
  );
}

/** The role a member is given in the organization (`roles`: the ones offered, all by default). */
export function RoleSelect({ id, value, onChange, roles = ROLES }: { id: string; value: Role; onChange(role: Role): void; roles?: readonly Role[] }) {
  return (
    <div class="field">
      <label for={id}>Role</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {roleLabel(role)}
          </option>
        ))}
      </select>
    </div>
  );
}
