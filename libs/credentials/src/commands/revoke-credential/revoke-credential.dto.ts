import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsOmittable } from '@latchkey/building-blocks';
import { REASON_MAX_LENGTH } from '../../shared/credential-input';

/** The type of the reason; `validReason` checks the rest. */
export class RevokeCredentialDto {
  @ApiPropertyOptional({
    description: `Why (up to ${REASON_MAX_LENGTH} characters, no control characters); kept in the history`,
    example: 'Leaked in a build log',
  })
  @IsOmittable()
  @IsString({ message: 'reason must be a string' })
  reason?: string;
}
