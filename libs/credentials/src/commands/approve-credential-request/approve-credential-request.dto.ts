import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
import { REQUEST_TEXT_MAX_LENGTH } from '../../shared/credential-input';

export class ApproveCredentialRequestDto {
  @ApiPropertyOptional({
    description: `A note for the record (up to ${REQUEST_TEXT_MAX_LENGTH} characters, no control characters)`,
    example: 'Contract signed',
  })
  @IsOmittable()
  @IsString({ message: 'note must be a string' })
  note?: string;
}
