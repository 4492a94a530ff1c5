import { type Environment } from '@latchkey/building-blocks';
import type { EventMetadata } from '@latchkey/event-store';
import type { PlatformPrincipal } from '../access/platform-access';
import { PlatformErrors } from '../http/platform-errors';
import { ACCOUNT_NAME_MAX_LENGTH, type RenamePlatformAccount } from './platform-account.decider';
import { platformAccountId, platformAccountStream } from './platform-account.events';

export interface PlatformAccountView {
  id: string;
  name: string;
  environment: Environment;
}

export interface ExtensionView {
  id: string;
  name: string;
  email: string;
  status: 'Enabled';
  permissions: string[];
}

export interface PlatformAccountsDependencies {
  nameOf(organizationId: string, environment: Environment): string | null;
  /** Runs the rename against the account's stream and waits for the read models. */
  rename(streamName: string, command: RenamePlatformAccount, metadata: EventMetadata): Promise<void>;
  clock: () => number;
}

/**
 * The sample resources: the caller's account (their organization in the environment) and their
 * own extension (user). `~` means "mine"; the explicit id is accepted too.
 */
export class PlatformAccounts {
  constructor(private readonly deps: PlatformAccountsDependencies) {}

  account(environment: Environment, principal: PlatformPrincipal, accountId: string): PlatformAccountView {
    const { organizationId, organizationName } = principal.membership;
    const id = platformAccountId(organizationId, environment);
    if (accountId !== '~' && accountId !== id) throw PlatformErrors.notFound('accountId');
    return { id, name: this.deps.nameOf(organizationId, environment) ?? organizationName, environment };
  }

  async rename(
    environment: Environment,
    principal: PlatformPrincipal,
    accountId: string,
    body: unknown,
    correlationId: string,
  ): Promise<PlatformAccountView> {
    const current = this.account(environment, principal, accountId);
    const name = accountName(body);
    const { organizationId, userId, email } = principal.membership;
    await this.deps.rename(
      platformAccountStream(organizationId, environment),
      { type: 'RenamePlatformAccount', accountId: current.id, organizationId, environment, name, at: new Date(this.deps.clock()).toISOString() },
      { correlationId, actor: { userId, email }, clientId: principal.token.clientId },
    );
    return this.account(environment, principal, accountId);
  }

  extension(environment: Environment, principal: PlatformPrincipal, accountId: string, extensionId: string): ExtensionView {
    this.account(environment, principal, accountId);
    const { token, membership } = principal;
    if (extensionId !== '~' && extensionId !== token.environmentUserId) throw PlatformErrors.notFound('extensionId');
    return {
      id: token.environmentUserId,
      name: membership.name,
      email: membership.email,
      status: 'Enabled',
      permissions: [...membership.permissions],
    };
  }
}

/** `{name}`: a string of 1 to 100 characters once trimmed; no other field. */
function accountName(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw PlatformErrors.malformedBody('The request body must be a JSON object');
  for (const field of Object.keys(body)) {
    if (field !== 'name') throw PlatformErrors.invalidParameter(field.slice(0, 40), `Parameter [${field.slice(0, 40)}] is not supported`);
  }
  const { name } = body as { name?: unknown };
  if (typeof name !== 'string' || name.trim() === '' || name.trim().length > ACCOUNT_NAME_MAX_LENGTH) {
    throw PlatformErrors.invalidParameter('name', `Parameter [name] must be a string of 1 to ${ACCOUNT_NAME_MAX_LENGTH} characters`);
  }
  return name.trim();
}
