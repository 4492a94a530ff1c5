import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ApiProblems, Clock, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { eventMetadata } from '@latchkey/event-store';
import { WebhookSecretSealer } from '../../shared/webhook-secret-sealer';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { newWebhookSecret } from '../../shared/signing/standard-webhooks';
import { secretContext } from '../../shared/webhook-secret';
import { WebhookInput } from '../../shared/webhook-input';
import { NewWebhookResponse, webhookResponse } from '../../shared/webhook.response';
import { WebhookWriter } from '../../shared/webhook-writer';
import { CreateWebhookDto } from './create-webhook.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Webhooks')
@ApiBearerAuth('session')
@RequireRole('developer_admin')
@RequireScope('organization:admin')
@Controller('console/v1/organization/webhooks')
export class CreateWebhookController {
  constructor(
    private readonly input: WebhookInput,
    private readonly writer: WebhookWriter,
    private readonly sealer: WebhookSecretSealer,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'Deliveries follow the Standard Webhooks specification, signed with the secret answered here (and only here). ' +
      '`422 UNKNOWN_EVENT_TYPE` for an unknown type; `422 WEBHOOK_URL_REFUSED` for a URL that is not https or whose host is a loopback, private or link-local address.',
  })
  @ApiCreatedResponse({ type: NewWebhookResponse })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async create(@Member() admin: MembershipView, @Body() body: CreateWebhookDto, @Ctx() context: RequestContext): Promise<NewWebhookResponse> {
    const events = this.input.events(body.events);
    const description = this.input.description(body.description);
    const url = await this.input.url(body.url);
    const webhookId = randomUUID();
    const secret = newWebhookSecret();
    const view = await this.writer.execute(
      webhookId,
      {
        type: 'CreateWebhookEndpoint',
        webhookId,
        organizationId: admin.organizationId,
        url,
        events,
        description,
        secret: this.sealer.seal(secret.key, secretContext(webhookId)),
        at: this.clock.now().toISOString(),
      },
      eventMetadata(context),
    );
    return { ...webhookResponse(view), secret: secret.text };
  }
}
