import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { Clock } from '@latchkey/building-blocks';
import { type AppClientView, GetAppClientQuery } from '@latchkey/organizations';
import type { CredentialRow } from '../read-models/credential-list/credential-list.projection';
import { CredentialListReadModel } from '../read-models/credential-list/credential-list.read-model';
import { type CredentialView, namedClientIds, toCredentialView } from './credential.view';
import { etagOf } from './if-match';

/** Turns list rows into console views: computes `expired` against now, adds the uses per app and names the apps. */
@Injectable()
export class CredentialPresenter {
  constructor(
    private readonly queries: QueryBus,
    private readonly clock: Clock,
    private readonly credentials: CredentialListReadModel,
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
    const usedBy = rows.map((row) => this.credentials.usedBy(row.credential_id));
    const clientIds = new Set(rows.flatMap((row, i) => namedClientIds(row, usedBy[i])));
    const apps = new Map<string, AppClientView | null>();
    await Promise.all([...clientIds].map(async (id) => apps.set(id, await this.queries.execute(new GetAppClientQuery(id)))));
    const now = this.clock.now().toISOString();
    return rows.map((row, i) => toCredentialView(row, apps, now, usedBy[i]));
  }
}
