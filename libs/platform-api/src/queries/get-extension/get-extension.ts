import { Injectable } from '@nestjs/common';
import { type Environment } from '@latchkey/building-blocks';
import type { PlatformPrincipal } from '../../http/platform-access';
import { PlatformErrors } from '../../http/platform-errors';
import { GetAccount } from '../get-account/get-account';

export interface ExtensionView {
  id: string;
  name: string;
  email: string;
  status: 'Enabled';
  permissions: string[];
}

/** `GET /restapi/v1.0/account/{accountId}/extension/{extensionId}`: the caller's own extension (user); `~` means "mine". */
@Injectable()
export class GetExtension {
  constructor(private readonly accounts: GetAccount) {}

  execute(environment: Environment, principal: PlatformPrincipal, accountId: string, extensionId: string): ExtensionView {
    this.accounts.execute(environment, principal, accountId);
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
