import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import { RequireScope } from '@latchkey/identity';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { CredentialRequestsReadModel } from '../../read-models/credential-requests/credential-requests.read-model';
import { CredentialRequestPage, toCredentialRequestView } from '../../shared/credential-request.view';
import { ListCredentialRequestsQueryDto } from './list-credential-requests.dto';

@ApiTags('Third-party approval')
@ApiBearerAuth('session')
@Controller('console/v1/organization/credential-requests')
export class ListCredentialRequestsController {
  constructor(private readonly requests: CredentialRequestsReadModel) {}

  @Get()
  @RequireRole('developer_admin')
  @RequireScope('organization:admin')
  @ApiOperation({
    summary: 'The organization’s credential requests, newest first',
    description:
      'Under the policy `thirdPartyApps: "approval"`, each app of another organization added to a credential of a member is a request: `pending` until a developer_admin approves or denies it. A developer_admin’s own requests are listed too, approved at once. Every status unless `status` is given.',
  })
  @ApiOkResponse({ type: CredentialRequestPage })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.cursor, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  list(@Member() admin: MembershipView, @Query() query: ListCredentialRequestsQueryDto): CredentialRequestPage {
    const page = this.requests.list(admin.organizationId, query.status, query);
    return { items: page.items.map(toCredentialRequestView), nextCursor: page.nextCursor };
  }
}
