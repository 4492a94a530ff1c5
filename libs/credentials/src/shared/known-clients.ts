import type { QueryBus } from '@nestjs/cqrs';
import { GetAppClientQuery } from '@latchkey/organizations';
import type { KnownClient } from '../domain/credential/credential.decide';

/**
 * Asks the app directory about the client ids a command names (already checked at the edge: well
 * formed, distinct, at most 50), for the decider to check that each is an app of the credential's
 * environment.
 */
export async function knownClients(queries: QueryBus, clientIds: readonly string[]): Promise<KnownClient[]> {
  const found = await Promise.all(clientIds.map((id) => queries.execute(new GetAppClientQuery(id))));
  return found.flatMap((client) =>
    client ? [{ clientId: client.clientId, environment: client.environment, organizationId: client.organizationId }] : [],
  );
}
