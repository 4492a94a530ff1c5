import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, PageQueryDto } from '@latchkey/building-blocks';
import type { MembershipView } from '../../contracts';
import { Member } from '../../guards/member.decorator';
import { RequireRole } from '../../guards/require-role.decorator';
import { AppDirectoryProjection } from '../../read-models/app-directory/app-directory.projection';
import { AppPage } from './list-apps.response';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Apps')
@ApiBearerAuth('session')
@RequireScope('apps:read')
@Controller('console/v1/apps')
export class ListAppsController {
  constructor(private readonly directory: AppDirectoryProjection) {}

  @Get()
  @RequireRole('member')
  @ApiOperation({ summary: 'The organization’s apps, in creation order, with their client ids (never a secret)' })
  @ApiOkResponse({ type: AppPage })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership)
  list(@Member() member: MembershipView, @Query() query: PageQueryDto): AppPage {
    return this.directory.listApps(member.organizationId, query.limit, query.cursor);
  }
}
