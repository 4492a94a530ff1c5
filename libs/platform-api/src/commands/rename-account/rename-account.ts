import { Inject, Injectable } from '@nestjs/common';
import { Clock, type Environment } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { platformAccountDecider } from '../../domain/platform-account/platform-account.decider';
import { platformAccountStream } from '../../domain/platform-account/platform-account.events';
import type { PlatformPrincipal } from '../../http/platform-access';
import { PlatformErrors } from '../../http/platform-errors';
import { GetAccount, type PlatformAccountView } from '../../queries/get-account/get-account';

export const ACCOUNT_NAME_MAX_LENGTH = 100;

/** `PUT /restapi/v1.0/account/{accountId}` with `{name}`: renames the caller's account and answers it as it now is. */
@Injectable()
export class RenameAccount {
  constructor(
    private readonly accounts: GetAccount,
    @Inject(DeciderExecutor) private readonly executor: Pick<DeciderExecutor, 'execute'>,
    private readonly clock: Clock,
  ) {}

  async execute(
    environment: Environment,
    principal: PlatformPrincipal,
    accountId: string,
    body: unknown,
    correlationId: string,
  ): Promise<PlatformAccountView> {
    const current = this.accounts.execute(environment, principal, accountId);
    const name = accountName(body);
    const { organizationId, userId, email } = principal.membership;
    await this.executor.execute(
      platformAccountDecider,
      platformAccountStream(organizationId, environment),
      { type: 'RenamePlatformAccount', accountId: current.id, organizationId, environment, name, at: this.clock.now().toISOString() },
      { metadata: { ...eventMetadata({ correlationId, actor: { userId, email } }), clientId: principal.token.clientId } },
    );
    return this.accounts.execute(environment, principal, accountId);
  }
}

/** `{name}`: a string of 1 to 100 characters once trimmed; no other field. */
export function accountName(body: unknown): string {
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
