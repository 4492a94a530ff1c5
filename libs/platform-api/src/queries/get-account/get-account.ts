import { Inject, Injectable } from '@nestjs/common';
import { type Environment } from '@latchkey/building-blocks';
import { platformAccountId } from '../../domain/platform-account/platform-account.events';
import type { PlatformPrincipal } from '../../http/platform-access';
import { PlatformErrors } from '../../http/platform-errors';
import { AccountNamesProjection } from '../../read-models/account-names/account-names.projection';

export interface PlatformAccountView {
  id: string;
  name: string;
  environment: Environment;
}

/**
 * `GET /restapi/v1.0/account/{accountId}`: the caller's account, their organization in the
 * environment. `~` means "mine"; the explicit id is accepted too.
 */
@Injectable()
export class GetAccount {
  constructor(@Inject(AccountNamesProjection) private readonly names: Pick<AccountNamesProjection, 'nameOf'>) {}

  execute(environment: Environment, principal: PlatformPrincipal, accountId: string): PlatformAccountView {
    const { organizationId, organizationName } = principal.membership;
    const id = platformAccountId(organizationId, environment);
    if (accountId !== '~' && accountId !== id) throw PlatformErrors.notFound('accountId');
    return { id, name: this.names.nameOf(organizationId, environment) ?? organizationName, environment };
  }
}
