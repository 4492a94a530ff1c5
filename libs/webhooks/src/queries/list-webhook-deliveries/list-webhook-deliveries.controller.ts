import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, COMMON_PROBLEMS, type Page, paginate, PageQueryDto } from '@latchkey/building-blocks';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { type DeliveryView, WebhookDeliveriesReadModel } from '../../read-models/webhooks/webhook-deliveries.read-model';
import { WebhookWriter } from '../../shared/webhook-writer';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Webhooks')
@ApiBearerAuth('session')
@RequireRole('developer_admin')
@RequireScope('organization:admin')
@Controller('console/v1/organization/webhooks')
export class ListWebhookDeliveriesController {
  constructor(
    private readonly deliveries: WebhookDeliveriesReadModel,
    private readonly writer: WebhookWriter,
  ) {}

  @Get(':id/deliveries')
  @ApiOperation({
    summary: 'An endpoint’s deliveries, newest first',
    description:
      'Each message queued for the endpoint: `{id, messageId, type, attempt, status, responseStatus, durationMs, at, nextAttemptAt}` of its latest attempt, ' +
      'and `attempts` (each attempt with its answer status, duration and a short error).',
  })
  @ApiOkResponse()
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.cursor, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  list(@Member() admin: MembershipView, @Param('id') id: string, @Query() query: PageQueryDto): Page<DeliveryView> {
    this.writer.existing(admin.organizationId, id);
    return paginate((offset, limit) => this.deliveries.list(id, offset, limit), query.limit, query.cursor);
  }
}
