import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WebhookEndpointView } from '../read-models/webhooks/webhook-endpoints.read-model';

export class WebhookResponse implements Omit<WebhookEndpointView, 'revision'> {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'https://hooks.example.com/latchkey' }) url!: string;
  @ApiProperty({ type: [String], example: ['credential.revoked', 'credential.leak_reported'] }) events!: string[];
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: ['enabled', 'disabled'] }) status!: 'enabled' | 'disabled';
  @ApiProperty({ type: String, nullable: true, description: 'Why the system disabled the endpoint (failing for 5 days); null otherwise' })
  disabledReason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class NewWebhookResponse extends WebhookResponse {
  @ApiProperty({ description: 'The signing secret, `whsec_` and base64: shown only here', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' })
  secret!: string;
}

export class WebhookSecretResponse {
  @ApiProperty({ description: 'The new signing secret, shown only here; the previous one keeps signing too for 24 hours' }) secret!: string;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookResponse] }) items!: WebhookResponse[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor!: string | null;
}

export const webhookResponse = ({ revision: _revision, ...view }: WebhookEndpointView): WebhookResponse => view;
