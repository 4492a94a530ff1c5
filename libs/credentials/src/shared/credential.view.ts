import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { type AppClientView, GetAppClientQuery } from '@latchkey/organizations';
import { isExpired } from '../credential/credential.decider';
import type { CredentialRow } from '../read-models/credential-list.projection';
import { etagOf } from './if-match';
import { Clock, type Environment } from '@latchkey/building-blocks';

export interface AllowedAppView {
  clientId: string;
  /** Null only if the app directory no longer knows the client. */
  appName: string | null;
  organizationName: string | null;
}

export type AllowedAppsView = { type: 'organization' } | { type: 'specific'; apps: AllowedAppView[] };

/** A credential as the console shows it. Never the JWT: that is shown once, at creation. */
export interface CredentialView {
  id: string;
  label: string;
  environment: Environment;
  status: 'active' | 'revoked' | 'expired';
  allowedApps: AllowedAppsView;
  ownerId: string;
  ownerEmail: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  revision: number;
}

/** Turns list rows into console views: computes `expired` against now and names the allowed apps. */
@Injectable()
export class CredentialPresenter {
  constructor(
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async one(row: CredentialRow): Promise<CredentialView> {
    const [view] = await this.many([row]);
    return view;
  }

  /** One credential as an answer: its view, and its revision as the ETag a later If-Match names. */
  async answer(row: CredentialRow, reply: Pick<FastifyReply, 'header'>): Promise<CredentialView> {
    const view = await this.one(row);
    reply.header('etag', etagOf(view.revision));
    return view;
  }

  async many(rows: readonly CredentialRow[]): Promise<CredentialView[]> {
    const clientIds = new Set(rows.flatMap((row) => (row.policy === 'specific' ? (JSON.parse(row.client_ids) as string[]) : [])));
    const apps = new Map<string, AppClientView | null>();
    await Promise.all([...clientIds].map(async (id) => apps.set(id, await this.queries.execute(new GetAppClientQuery(id)))));
    const now = this.clock.now().toISOString();
    return rows.map((row) => toView(row, apps, now));
  }
}

function toView(row: CredentialRow, apps: ReadonlyMap<string, AppClientView | null>, now: string): CredentialView {
  const status =
    row.status === 'revoked' || row.status === 'deleted' ? 'revoked' : isExpired({ expiresAt: row.expires_at }, now) ? 'expired' : 'active';
  const allowedApps: AllowedAppsView =
    row.policy === 'organization'
      ? { type: 'organization' }
      : {
          type: 'specific',
          apps: (JSON.parse(row.client_ids) as string[]).map((clientId) => {
            const app = apps.get(clientId);
            return { clientId, appName: app?.appName ?? null, organizationName: app?.organizationName ?? null };
          }),
        };
  return {
    id: row.credential_id,
    label: row.label,
    environment: row.environment,
    status,
    allowedApps,
    ownerId: row.owner_id,
    ownerEmail: row.owner_email,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    revision: row.revision,
  };
}
