import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { DomainError, PageQueryDto } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { ApiProblems, DEVELOPER_PROBLEM, MEMBERSHIP_PROBLEM, UNAUTHENTICATED_PROBLEM, VALIDATION_PROBLEM } from '../../shared/api-problems';
import { AppDirectoryProjection } from '../../read-models/app-directory/app-directory.projection';
import { AppLookupResponse, AppPage } from './list-apps.response';

class LookupQueryDto {
  @ApiProperty({ description: 'A client id of any organization’s app' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  clientId!: string;
}

@ApiTags('Apps')
@ApiBearerAuth('session')
@RequireRole('member')
@Controller('console/v1/apps')
export class AppDirectoryController {
  constructor(private readonly directory: AppDirectoryProjection) {}

  @Get()
  @ApiOperation({ summary: 'The organization’s apps, in creation order, with their client ids (never a secret)' })
  @ApiOkResponse({ type: AppPage })
  @ApiProblems(VALIDATION_PROBLEM, UNAUTHENTICATED_PROBLEM, MEMBERSHIP_PROBLEM)
  list(@Member() member: MembershipView, @Query() query: PageQueryDto): AppPage {
    return this.directory.listApps(member.organizationId, query.limit, query.cursor);
  }

  @Get('lookup')
  @RequireRole('developer')
  @ApiOperation({
    summary: 'Look up an app by client id, in any organization',
    description: 'The "Add app" lookup used when restricting a credential to specific apps, which may belong to other organizations.',
  })
  @ApiOkResponse({ type: AppLookupResponse })
  @ApiProblems(VALIDATION_PROBLEM, UNAUTHENTICATED_PROBLEM, MEMBERSHIP_PROBLEM, DEVELOPER_PROBLEM, [
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
