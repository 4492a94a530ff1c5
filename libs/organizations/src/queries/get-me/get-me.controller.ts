import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, DomainError } from '@latchkey/building-blocks';
import { type ConsolePrincipal, GetMfaStatusQuery, GetUserQuery, NoScopeRequired, Principal } from '@latchkey/identity';
import { GetMembershipQuery } from '../../contracts';
import { MeResponse } from './get-me.response';

@ApiTags('Identity')
@ApiBearerAuth('session')
@NoScopeRequired()
@Controller('console/v1/me')
export class GetMeController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The caller: who they are, their organization, role, permissions and environment accounts' })
  @ApiOkResponse({ type: MeResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated)
  async me(@Principal() principal: ConsolePrincipal): Promise<MeResponse> {
    const [user, membership, mfa] = await Promise.all([
      this.queries.execute(new GetUserQuery(principal.userId)),
      this.queries.execute(new GetMembershipQuery(principal.userId)),
      this.queries.execute(new GetMfaStatusQuery(principal.userId)),
    ]);
    if (!user) throw new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first');
    const active = membership?.status === 'active' ? membership : null;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      kind: membership?.kind ?? 'person',
      organizationId: active?.organizationId ?? null,
      role: active?.role ?? null,
      permissions: active?.permissions ?? [],
      accounts: {
        production: { userId: user.accounts.production.userId },
        sandbox: user.accounts.sandbox ? { userId: user.accounts.sandbox.userId } : null,
      },
      mfa: { totp: mfa.totp },
    };
  }
}
