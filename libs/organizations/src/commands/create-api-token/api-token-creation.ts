import { DomainError, type RequestContext } from '@latchkey/building-blocks';
import { CreateApiTokenCommand } from '@latchkey/identity';
import { grantableScopes, type MembershipView } from '../../contracts';
import type { CreateApiTokenDto } from './create-api-token.dto';

/** The identity command for a token owned by `owner`, proved by `prover` (the caller), within what the owner's role allows. */
export function createApiTokenCommand(
  owner: MembershipView,
  prover: MembershipView,
  body: CreateApiTokenDto,
  context: RequestContext,
): CreateApiTokenCommand {
  if (body.password === undefined) {
    throw new DomainError('unprocessable', 'INVALID_CURRENT_PASSWORD', 'Creating an API token needs your password (a fresh proof of identity)', {
      errors: [{ field: 'password', message: 'is required' }],
    });
  }
  return new CreateApiTokenCommand(
    owner.userId,
    prover.userId,
    { password: body.password, ...(body.totp !== undefined ? { totp: body.totp } : {}) },
    owner.organizationId,
    body.name,
    body.scopes,
    new Date(body.expiresAt).toISOString(),
    grantableScopes(owner.role),
    context,
  );
}
