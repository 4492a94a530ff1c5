import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Clock, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { deliveryNotFound } from '../../domain/webhook-delivery/webhook-delivery.decide';
import { webhookDeliveryDecider } from '../../domain/webhook-delivery/webhook-delivery.decider';
import { webhookDeliveryStream } from '../../domain/webhook-delivery/webhook-delivery.events';
import { WebhookDeliveriesReadModel } from '../../read-models/webhooks/webhook-deliveries.read-model';
import { WebhookWriter } from '../../shared/webhook-writer';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Webhooks')
@ApiBearerAuth('session')
@RequireRole('developer_admin')
@RequireScope('organization:admin')
@Controller('console/v1/organization/webhooks')
export class RedeliverWebhookController {
  constructor(
    private readonly writer: WebhookWriter,
    private readonly deliveries: WebhookDeliveriesReadModel,
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again',
    description: 'Now, with the same `webhook-id`, and the retry schedule starts over. `409 DELIVERY_IN_PROGRESS` while an attempt is being sent.',
  })
  @ApiAcceptedResponse()
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async redeliver(
    @Member() admin: MembershipView,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
    @Ctx() context: RequestContext,
  ): Promise<void> {
    this.writer.existing(admin.organizationId, id);
    if (!this.deliveries.find(id, deliveryId)) throw deliveryNotFound();
    await this.executor.execute(
      webhookDeliveryDecider,
      webhookDeliveryStream(deliveryId),
      { type: 'Redeliver', at: this.clock.now().toISOString() },
      { metadata: eventMetadata(context) },
    );
  }
}
