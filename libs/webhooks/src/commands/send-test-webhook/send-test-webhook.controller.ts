import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Clock, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { DeciderExecutor, eventMetadata } from '@latchkey/event-store';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { webhookDeliveryDecider } from '../../domain/webhook-delivery/webhook-delivery.decider';
import { webhookDeliveryStream } from '../../domain/webhook-delivery/webhook-delivery.events';
import { deliveryIdOf, newMessageId } from '../../shared/delivery/message-ids';
import { WebhookWriter } from '../../shared/webhook-writer';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Webhooks')
@ApiBearerAuth('session')
@RequireRole('developer_admin')
@RequireScope('organization:admin')
@Controller('console/v1/organization/webhooks')
export class SendTestWebhookController {
  constructor(
    private readonly writer: WebhookWriter,
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
  ) {}

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a webhook.test message',
    description: 'Queued like any message: it shows in the deliveries, even to a disabled endpoint once enabled.',
  })
  @ApiAcceptedResponse()
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async test(
    @Member() admin: MembershipView,
    @Param('id') id: string,
    @Ctx() context: RequestContext,
  ): Promise<{ messageId: string; deliveryId: string }> {
    this.writer.existing(admin.organizationId, id);
    const messageId = newMessageId();
    const deliveryId = deliveryIdOf(messageId, id);
    const at = this.clock.now().toISOString();
    await this.executor.execute(
      webhookDeliveryDecider,
      webhookDeliveryStream(deliveryId),
      {
        type: 'EnqueueDelivery',
        deliveryId,
        messageId,
        webhookId: id,
        organizationId: admin.organizationId,
        eventType: 'webhook.test',
        timestamp: at,
        data: { webhookId: id, actor: context.actor ? { userId: context.actor.userId, email: context.actor.email ?? null } : null },
        at,
      },
      { metadata: eventMetadata(context) },
    );
    return { messageId, deliveryId };
  }
}
