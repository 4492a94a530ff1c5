import type { Credential } from '../api';
import { CardTable } from '../components/card-table';
import { DateTime } from '../components/date-time';

/** How the credential has been used: its last use (app, client id, address, user agent) and the uses per app. */
export function CredentialUsage({ credential }: { credential: Credential }) {
  const last = credential.lastUsed;
  return (
    <section class="card" aria-labelledby="credential-usage">
      <h2 id="credential-usage">Usage</h2>
      <p class="hint">Token requests made with this credential, recorded every few seconds.</p>
      {last ? (
        <dl class="facts" aria-label="Last use">
          <div>
            <dt>Last use</dt>
            <dd>
              <DateTime value={last.at} />
            </dd>
          </div>
          <div>
            <dt>App</dt>
            <dd>{last.appName ?? (last.clientId ? 'Deleted app' : 'Unknown')}</dd>
          </div>
          <div>
            <dt>Client ID</dt>
            <dd>{last.clientId ? <code>{last.clientId}</code> : '—'}</dd>
          </div>
          <div>
            <dt>Address</dt>
            <dd>{last.address ? <code>{last.address}</code> : '—'}</dd>
          </div>
          <div>
            <dt>User agent</dt>
            <dd class="user-agent">{last.userAgent ?? '—'}</dd>
          </div>
        </dl>
      ) : (
        <p class="empty">No app has used this credential yet.</p>
      )}
      {credential.usedBy.length > 0 ? (
        <CardTable>
          <caption>Uses per app, most recent first</caption>
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">Client ID</th>
              <th scope="col">Last used</th>
              <th scope="col">Token requests</th>
            </tr>
          </thead>
          <tbody>
            {credential.usedBy.map((use) => (
              <tr key={use.clientId}>
                <td>{use.appName ?? 'Deleted app'}</td>
                <td>
                  <code>{use.clientId}</code>
                </td>
                <td>
                  <DateTime value={use.lastUsedAt} />
                </td>
                <td>{use.count.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </CardTable>
      ) : null}
    </section>
  );
}
