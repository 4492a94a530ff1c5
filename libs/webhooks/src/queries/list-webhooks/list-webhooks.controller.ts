import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { endpointView, WebhookEndpointsReadModel } from '../../read-models/webhooks/webhook-endpoints.read-model';
import { WebhookPage, WebhookResponse, webhookResponse } from '../../shared/webhook.response';
import { WebhookWriter } from '../../shared/webhook-writer';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Webhooks')
@ApiBearerAuth('session')
@RequireRole('developer_admin')
@RequireScope('organization:admin')
@Controller('console/v1/organization/webhooks')
export class ListWebhooksController {
  constructor(
    private readonly endpoints: WebhookEndpointsReadModel,
    private readonly writer: WebhookWriter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The organization’s webhook endpoints', description: 'Never their secrets.' })
  @ApiOkResponse({ type: WebhookPage })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  list(@Member() admin: MembershipView): WebhookPage {
    // An organization has a handful of endpoints: one page holds them all.
    return { items: this.endpoints.list(admin.organizationId).map((row) => webhookResponse(endpointView(row))), nextCursor: null };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint', description: 'Never its secret.' })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  get(@Member() admin: MembershipView, @Param('id') id: string): WebhookResponse {
    return webhookResponse(endpointView(this.writer.existing(admin.organizationId, id)));
  }
}
