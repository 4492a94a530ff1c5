import { Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Clock, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { eventMetadata } from '@latchkey/event-store';
import { WebhookSecretSealer } from '../../shared/webhook-secret-sealer';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { newWebhookSecret } from '../../shared/signing/standard-webhooks';
import { secretContext } from '../../shared/webhook-secret';
import { WebhookSecretResponse } from '../../shared/webhook.response';
import { WebhookWriter } from '../../shared/webhook-writer';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Webhooks')
@ApiBearerAuth('session')
@RequireRole('developer_admin')
@RequireScope('organization:admin')
@Controller('console/v1/organization/webhooks')
export class RotateWebhookSecretController {
  constructor(
    private readonly writer: WebhookWriter,
    private readonly sealer: WebhookSecretSealer,
    private readonly clock: Clock,
  ) {}

  @Post(':id/secret')
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description: 'The new secret is shown only here. For 24 hours deliveries carry both signatures, space-separated, as the specification allows.',
  })
  @ApiCreatedResponse({ type: WebhookSecretResponse })
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async rotate(@Member() admin: MembershipView, @Param('id') id: string, @Ctx() context: RequestContext): Promise<WebhookSecretResponse> {
    this.writer.existing(admin.organizationId, id);
    const secret = newWebhookSecret();
    await this.writer.execute(
      id,
      { type: 'RotateWebhookSecret', secret: this.sealer.seal(secret.key, secretContext(id)), at: this.clock.now().toISOString() },
      eventMetadata(context),
    );
    return { secret: secret.text };
  }
}
