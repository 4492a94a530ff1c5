import { Body, Controller, Delete, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Clock, COMMON_PROBLEMS, Ctx, type RequestContext } from '@latchkey/building-blocks';
import { eventMetadata } from '@latchkey/event-store';
import { Member, type MembershipView, RequireRole } from '@latchkey/organizations';
import { WebhookInput } from '../../shared/webhook-input';
import { WebhookResponse, webhookResponse } from '../../shared/webhook.response';
import { WebhookWriter } from '../../shared/webhook-writer';
import { UpdateWebhookDto } from './update-webhook.dto';
import { RequireScope } from '@latchkey/identity';

@ApiTags('Webhooks')
@ApiBearerAuth('session')
@RequireRole('developer_admin')
@RequireScope('organization:admin')
@Controller('console/v1/organization/webhooks')
export class UpdateWebhookController {
  constructor(
    private readonly input: WebhookInput,
    private readonly writer: WebhookWriter,
    private readonly clock: Clock,
  ) {}

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a webhook endpoint',
    description: 'Its URL, event types, description, or status (`enabled` sends again; `disabled` stops).',
  })
  @ApiOkResponse({ type: WebhookResponse })
  @ApiProblems(COMMON_PROBLEMS.validation, COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async update(
    @Member() admin: MembershipView,
    @Param('id') id: string,
    @Body() body: UpdateWebhookDto,
    @Ctx() context: RequestContext,
  ): Promise<WebhookResponse> {
    this.writer.existing(admin.organizationId, id);
    const events = body.events === undefined ? undefined : this.input.events(body.events);
    const description = body.description === undefined ? undefined : this.input.description(body.description);
    const url = body.url === undefined ? undefined : await this.input.url(body.url);
    const view = await this.writer.execute(
      id,
      { type: 'UpdateWebhookEndpoint', url, events, description, status: body.status, at: this.clock.now().toISOString() },
      eventMetadata(context),
    );
    return webhookResponse(view);
  }
}

@ApiTags('Webhooks')
@ApiBearerAuth('session')
@RequireRole('developer_admin')
@RequireScope('organization:admin')
@Controller('console/v1/organization/webhooks')
export class DeleteWebhookController {
  constructor(
    private readonly writer: WebhookWriter,
    private readonly clock: Clock,
  ) {}

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint', description: 'Nothing more is sent to it, queued deliveries included.' })
  @ApiNoContentResponse()
  @ApiProblems(COMMON_PROBLEMS.unauthenticated, COMMON_PROBLEMS.membership, COMMON_PROBLEMS.admin)
  async delete(@Member() admin: MembershipView, @Param('id') id: string, @Ctx() context: RequestContext): Promise<void> {
    this.writer.existing(admin.organizationId, id);
    await this.writer
      .execute(id, { type: 'DeleteWebhookEndpoint', at: this.clock.now().toISOString() }, eventMetadata(context))
      .catch((error: unknown) => {
        // The read model no longer shows a deleted endpoint: that is the expected outcome here.
        if ((error as { code?: string }).code !== 'WEBHOOK_NOT_FOUND') throw error;
      });
  }
}
