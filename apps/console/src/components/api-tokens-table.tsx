import { useState } from 'preact/hooks';
import { type ApiToken, SCOPE_LABELS } from '../api-tokens';
import { formatDate, formatDateTime } from '../format';
import { ConfirmDialog } from './dialog';

interface ApiTokensTableProps {
  tokens: ApiToken[];
  /** Shows each token's owner (the organization's list). */
  withOwner?: boolean;
  onRevoke(token: ApiToken): Promise<void>;
}

/** Console API tokens with their scopes and dates, each revocable after a confirmation. */
export function ApiTokensTable({ tokens, withOwner = false, onRevoke }: ApiTokensTableProps) {
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const confirm = async () => {
    if (!revoking) return;
    setBusy(true);
    setError(null);
    try {
      await onRevoke(revoking);
      setRevoking(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              {withOwner ? <th scope="col">Owner</th> : null}
              <th scope="col">Scopes</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">
                  {token.name}
                  {token.status === 'expired' ? <span class="status-note"> (expired)</span> : null}
                </th>
                {withOwner ? <td>{token.owner?.email ?? '—'}</td> : null}
                <td>
                  <ul class="scope-list">
                    {token.scopes.map((scope) => (
                      <li key={scope} title={SCOPE_LABELS[scope]}>
                        <code>{scope}</code>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{formatDate(token.expiresAt)}</td>
                <td>{formatDateTime(token.lastUsedAt, 'Never')}</td>
                <td>
                  <button type="button" class="danger" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        danger
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setRevoking(null);
          setError(null);
        }}
      >
        <p>Scripts using this token stop working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
