import type { ComponentChildren } from 'preact';
import { CardTable } from './card-table';
import { DateTime } from './date-time';
import type { Credential, CredentialStatus } from '../api';
import { ENVIRONMENT_LABELS, permittedApps } from '../format';
import { Link } from '../router';

const STATUS_LABELS: Record<CredentialStatus, string> = {
  active: 'Active',
  pending_approval: 'Pending approval',
  revoked: 'Revoked',
  expired: 'Expired',
};

export function StatusBadge({ status }: { status: CredentialStatus }) {
  return <span class={`badge badge-${status}`}>{STATUS_LABELS[status] ?? status}</span>;
}

export function EnvironmentBadge({ environment }: { environment: Credential['environment'] }) {
  return <span class={`badge badge-env-${environment}`}>{ENVIRONMENT_LABELS[environment] ?? environment}</span>;
}

/** The JWT credentials of one user: label, environment, status, permitted apps, created, expires, last used. */
export function CredentialsTable({
  items,
  caption,
  hrefFor,
  empty,
}: {
  items: Credential[];
  caption: string;
  hrefFor: (c: Credential) => string;
  /** What to show instead of an empty table. */
  empty: ComponentChildren;
}) {
  if (items.length === 0) return <>{empty}</>;
  return (
    <div class="table-wrap">
      <CardTable>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Environment</th>
            <th scope="col">Status</th>
            <th scope="col">Permitted apps</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link href={hrefFor(c)}>{c.label}</Link>
              </th>
              <td>
                <EnvironmentBadge environment={c.environment} />
              </td>
              <td>
                <StatusBadge status={c.status} />
              </td>
              <td>{permittedApps(c.allowedApps)}</td>
              <td>
                <DateTime value={c.createdAt} />
              </td>
              <td>
                <DateTime value={c.expiresAt} empty="Never" />
              </td>
              <td>
                <DateTime value={c.lastUsedAt} empty="Never" />
              </td>
            </tr>
          ))}
        </tbody>
      </CardTable>
    </div>
  );
}
