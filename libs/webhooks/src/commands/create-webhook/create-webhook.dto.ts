import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, ValidateIf } from 'class-validator';

export class CreateWebhookDto {
  @ApiProperty({ description: 'An https URL whose host is public (http and private targets only inside WEBHOOKS_ALLOW_PRIVATE)' })
  @IsString({ message: 'url must be a string' })
  url!: string;

  @ApiProperty({ type: [String], description: 'The event types to send, or `["*"]` for every type', example: ['credential.revoked'] })
  @IsArray({ message: 'events must be an array of event types' })
  @ArrayMaxSize(50, { message: 'events must have at most 50 entries' })
  @IsString({ each: true, message: 'events must be an array of event types' })
  events!: string[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'At most 200 characters' })
  @ValidateIf((body: CreateWebhookDto) => body.description !== undefined && body.description !== null)
  @IsString({ message: 'description must be a string' })
  description?: string | null;
}
