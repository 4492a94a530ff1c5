import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import { ApiTokenResponse, type ConsolePrincipal, ListApiTokensQuery } from '../../contracts';
import { Principal } from '../../guards/principal.decorator';
import { SessionOnly } from '../../guards/require-scope.decorator';

class ApiTokenListResponse {
  @ApiProperty({ type: ApiTokenResponse, isArray: true })
  items!: ApiTokenResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every token is in one page.' })
  nextCursor!: null;
}

@ApiTags('API tokens')
@ApiBearerAuth('session')
@SessionOnly()
@Controller('console/v1/me/api-tokens')
export class ListApiTokensController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'My API tokens',
    description: 'The caller’s tokens that are not revoked, newest first; never the token text. Sessions only.',
  })
  @ApiOkResponse({ type: ApiTokenListResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated)
  async list(@Principal() principal: ConsolePrincipal): Promise<ApiTokenListResponse> {
    const tokens = await this.queries.execute(new ListApiTokensQuery([principal.userId]));
    return { items: tokens.map((t) => ApiTokenResponse.of(t)), nextCursor: null };
  }
}
