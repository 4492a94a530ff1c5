import type { QueryBus } from '@nestjs/cqrs';
import { GetAppClientQuery } from '@latchkey/organizations';
import type { KnownClient } from '../credential/credential.decider';
import { MAX_ALLOWED_APPS } from '../credential/credential.rules';

/**
 * Asks the app directory about the client ids a command names, for the decider to check that each
 * is an app of the credential's environment. Lists too long to be valid are not looked up (the
 * decider refuses them anyway).
 */
export async function knownClients(queries: QueryBus, clientIds: readonly unknown[] | undefined): Promise<KnownClient[]> {
  if (!Array.isArray(clientIds) || clientIds.length > MAX_ALLOWED_APPS) return [];
  const ids = [...new Set(clientIds.filter((id): id is string => typeof id === 'string' && id.length > 0))];
  const found = await Promise.all(ids.map((id) => queries.execute(new GetAppClientQuery(id))));
  return found.flatMap((client) => (client ? [{ clientId: client.clientId, environment: client.environment }] : []));
}
