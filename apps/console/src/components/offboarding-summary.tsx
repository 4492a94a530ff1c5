import { get, type Offboarding } from '../api';
import { ENVIRONMENT_LABELS, formatDateTime } from '../format';
import { useLoad } from '../hooks';
import { ErrorAlert } from './error-alert';
import { Loading } from './page';

/** What stops working if the member is removed, shown in the remove-member dialog before the admin confirms. */
export function OffboardingSummary({ userId, name }: { userId: string; name: string }) {
  const view = useLoad((signal) => get<Offboarding>(`/organization/members/${encodeURIComponent(userId)}/offboarding`, signal), [userId]);
  if (view.loading && !view.data) return <Loading what="Finding what stops working" />;
  if (view.error) return <ErrorAlert error={view.error} />;
  const data = view.data;
  if (!data) return null;
  const own = data.apiTokens.filter((t) => t.relation === 'owner');
  const minted = data.apiTokens.filter((t) => t.relation === 'minted');
  const nothing = data.credentials.length + data.apps.length + data.invitations.length + data.apiTokens.length === 0;
  return (
    <div class="offboarding" aria-label="What stops working">
      {nothing ? <p>{name} has no credentials, apps, pending invitations or API tokens.</p> : null}
      {data.credentials.length > 0 ? (
        <section aria-labelledby="offboarding-credentials">
          <h3 id="offboarding-credentials">Credentials revoked ({data.credentials.length})</h3>
          <ul>
            {data.credentials.map((c) => (
              <li key={c.id}>
                <strong>{c.label}</strong> ({ENVIRONMENT_LABELS[c.environment]}), last used {formatDateTime(c.lastUsedAt, 'never')}
                {c.usedBy.length > 0 ? (
                  <>
                    {' '}
                    — apps that stop working:{' '}
                    {c.usedBy.map((u, i) => (
                      <span key={u.clientId}>
                        {i > 0 ? ', ' : ''}
                        {u.appName ?? u.clientId} (last {formatDateTime(u.lastUsedAt)})
                      </span>
                    ))}
                  </>
                ) : (
                  ' — no app has used it'
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.apps.length > 0 ? (
        <section aria-labelledby="offboarding-apps">
          <h3 id="offboarding-apps">Apps they created ({data.apps.length})</h3>
          <p class="hint">The apps stay; only Developer Admins can change them afterwards.</p>
          <ul>
            {data.apps.map((a) => (
              <li key={a.id}>{a.name}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.invitations.length > 0 ? (
        <section aria-labelledby="offboarding-invitations">
          <h3 id="offboarding-invitations">Pending invitations cancelled ({data.invitations.length})</h3>
          <ul>
            {data.invitations.map((i) => (
              <li key={i.id}>{i.email}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {own.length > 0 ? (
        <section aria-labelledby="offboarding-tokens">
          <h3 id="offboarding-tokens">API tokens that stop working ({own.length})</h3>
          <ul>
            {own.map((t) => (
              <li key={t.id}>
                {t.name}, last used {formatDateTime(t.lastUsedAt, 'never')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {minted.length > 0 ? (
        <section aria-labelledby="offboarding-minted">
          <h3 id="offboarding-minted">API tokens they minted for service users ({minted.length})</h3>
          <p class="hint">These keep working: they belong to the service users.</p>
          <ul>
            {minted.map((t) => (
              <li key={t.id}>
                {t.name} (for {t.owner.name})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
