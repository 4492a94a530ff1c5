import { useEffect, useState } from 'preact/hooks';
import { get, post, request, type Credential, type Policy, type PolicyViolation } from '../api';
import { EmptyState } from '../components/empty-state';
import { ErrorAlert } from '../components/error-alert';
import { OrganizationTabs } from '../components/organization-tabs';
import { Loading, Page } from '../components/page';
import { ENVIRONMENT_LABELS, formatDate } from '../format';
import { useLoad } from '../hooks';
import { Link } from '../router';

type Draft = Omit<Policy, 'revision'>;

const days = (value: string): number | null => (value.trim() === '' ? null : Number(value));

/**
 * The organization's credential policy, for Developer Admins: what new and changed credentials must
 * keep, and the existing credentials that break it (a stricter policy never changes them by itself),
 * with one action to revoke them all.
 */
export function PolicyPage() {
  const policy = useLoad((signal) => get<Policy>('/organization/policy', signal), []);
  const violations = useLoad((signal) => get<{ items: PolicyViolation[] }>('/organization/policy/violations', signal), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [revoked, setRevoked] = useState<Credential[] | null>(null);

  useEffect(() => {
    if (policy.data) {
      const { revision: _revision, ...rest } = policy.data;
      setDraft(rest);
    }
  }, [policy.data]);

  const change = (fields: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, ...fields } : d));
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft || !policy.data || saving) return;
    setSaving(true);
    setError(null);
    try {
      await request<Policy>('PUT', '/organization/policy', { body: draft, ifMatch: `"${policy.data.revision}"` });
      setSaved(true);
      await Promise.all([policy.reload(), violations.reload()]);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const revokeAll = async () => {
    setError(null);
    try {
      const answer = await post<{ items: Credential[] }>('/organization/policy/violations/revoke');
      setRevoked(answer.items);
      await violations.reload();
    } catch (e) {
      setError(e);
    }
  };

  const items = violations.data?.items ?? [];
  return (
    <Page title="Credential policy" busy={policy.loading || violations.loading || saving}>
      <OrganizationTabs current="policy" />
      <p class="lead">
        What your members’ JWT credentials must keep. New and changed credentials that break a rule are refused; existing ones are listed below, never
        changed by a new policy.
      </p>
      <ErrorAlert error={policy.error ?? violations.error ?? error} />
      {!draft ? <Loading what="Loading the policy" /> : null}
      {draft ? (
        <form onSubmit={(e) => void save(e)} class="form">
          <label>
            Longest lifetime (days, empty for no limit)
            <input
              id="policy-max-lifetime"
              type="number"
              name="maxCredentialLifetimeDays"
              min={1}
              max={3650}
              value={draft.maxCredentialLifetimeDays ?? ''}
              onInput={(e) => change({ maxCredentialLifetimeDays: days(e.currentTarget.value) })}
            />
          </label>
          <label class="checkbox">
            <input
              type="checkbox"
              name="requireExpiry"
              checked={draft.requireExpiry}
              onChange={(e) => change({ requireExpiry: e.currentTarget.checked })}
            />
            Credentials must expire
          </label>
          <fieldset>
            <legend>Credentials for all of the organization’s apps allowed in</legend>
            {(['production', 'sandbox'] as const).map((environment) => (
              <label class="checkbox" key={environment}>
                <input
                  type="checkbox"
                  name={`organizationWide-${environment}`}
                  checked={draft.organizationWideCredentials[environment]}
                  onChange={(e) =>
                    change({ organizationWideCredentials: { ...draft.organizationWideCredentials, [environment]: e.currentTarget.checked } })
                  }
                />
                {ENVIRONMENT_LABELS[environment]}
              </label>
            ))}
          </fieldset>
          <label>
            Apps of other organizations
            <select
              name="thirdPartyApps"
              value={draft.thirdPartyApps}
              onChange={(e) => change({ thirdPartyApps: e.currentTarget.value as Draft['thirdPartyApps'] })}
            >
              <option value="allowed">Allowed</option>
              <option value="approval">Only with an admin’s approval</option>
              <option value="forbidden">Forbidden</option>
            </select>
          </label>
          <label>
            Revoke credentials unused for (days, 7 or more; empty for never)
            <input
              type="number"
              name="inactiveCredentialRevocationDays"
              min={7}
              max={3650}
              value={draft.inactiveCredentialRevocationDays ?? ''}
              onInput={(e) => change({ inactiveCredentialRevocationDays: days(e.currentTarget.value) })}
            />
          </label>
          <label class="checkbox">
            <input type="checkbox" name="requireMfa" checked={draft.requireMfa} onChange={(e) => change({ requireMfa: e.currentTarget.checked })} />
            Members must use two-factor sign-in
          </label>
          <div class="button-row">
            <button type="submit" class="primary" aria-disabled={saving ? 'true' : 'false'}>
              {saving ? 'Saving…' : 'Save policy'}
            </button>
          </div>
          {saved ? <p role="status">Policy saved.</p> : null}
        </form>
      ) : null}

      <h2>Credentials that break the policy</h2>
      {revoked ? <p role="status">{revoked.length === 1 ? '1 credential revoked.' : `${revoked.length} credentials revoked.`}</p> : null}
      {violations.data && items.length === 0 ? (
        <EmptyState message="No credential breaks the policy." action={{ label: 'Tighten the policy', focus: 'policy-max-lifetime' }} />
      ) : null}
      {items.length > 0 ? (
        <>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Credential</th>
                <th scope="col">Owner</th>
                <th scope="col">Expires</th>
                <th scope="col">Breaks</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ credential, violations: broken }) => (
                <tr key={credential.id}>
                  <td>
                    <Link href={`/organization/members/${encodeURIComponent(credential.ownerId)}/credentials/${encodeURIComponent(credential.id)}`}>
                      {credential.label}
                    </Link>{' '}
                    ({ENVIRONMENT_LABELS[credential.environment]})
                  </td>
                  <td>{credential.ownerEmail}</td>
                  <td>{formatDate(credential.expiresAt, 'Never')}</td>
                  <td>
                    <ul>
                      {broken.map((v) => (
                        <li key={v.rule}>{v.message}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="button-row">
            <button type="button" class="danger" onClick={() => void revokeAll()}>
              Revoke all {items.length}
            </button>
          </div>
        </>
      ) : null}
    </Page>
  );
}
