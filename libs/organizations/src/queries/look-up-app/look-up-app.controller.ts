import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, DomainError } from '@latchkey/building-blocks';
import { RequireRole } from '../../guards/require-role.decorator';
import { AppDirectoryProjection } from '../../read-models/app-directory/app-directory.projection';
import { LookupQueryDto } from './look-up-app.dto';
import { AppLookupResponse } from './look-up-app.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Apps')
@ApiBearerAuth('session')
@RequireScope('apps:read')
@Controller('console/v1/apps')
export class LookUpAppController {
  constructor(private readonly directory: AppDirectoryProjection) {}

  @Get('lookup')
  @RequireRole('developer')
  @ApiOperation({
    summary: 'Look up an app by client id, in any organization',
    description: 'The "Add app" lookup used when restricting a credential to specific apps, which may belong to other organizations.',
  })
  @ApiOkResponse({ type: AppLookupResponse })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.developer, [
    404,
    'APP_NOT_FOUND',
    'no app has this client id',
  ])
  lookup(@Query() query: LookupQueryDto): AppLookupResponse {
    const client = this.directory.client(query.clientId);
    if (!client) throw new DomainError('not-found', 'APP_NOT_FOUND', 'No app has this client id');
    return { clientId: client.clientId, environment: client.environment, appName: client.appName, organizationName: client.organizationName };
  }
}
