import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, ValidateIf } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';

/** Only the given fields change. */
export class UpdateWebhookDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString({ message: 'url must be a string' })
  url?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray({ message: 'events must be an array of event types' })
  @ArrayMaxSize(50, { message: 'events must have at most 50 entries' })
  @IsString({ each: true, message: 'events must be an array of event types' })
  events?: string[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((body: UpdateWebhookDto) => body.description !== undefined && body.description !== null)
  @IsString({ message: 'description must be a string' })
  description?: string | null;

  @ApiPropertyOptional({ enum: ['enabled', 'disabled'] })
  @IsOmittable()
  @IsIn(['enabled', 'disabled'], { message: 'status must be enabled or disabled' })
  status?: 'enabled' | 'disabled';
}
