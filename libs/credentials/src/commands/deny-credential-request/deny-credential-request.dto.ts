import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { REQUEST_TEXT_MAX_LENGTH } from '../../shared/credential-input';

export class DenyCredentialRequestDto {
  @ApiProperty({
    description: `Why (1–${REQUEST_TEXT_MAX_LENGTH} characters, no control characters); shown to the requester’s admins as the request’s note`,
    example: 'No contract with this vendor',
  })
  @IsString({ message: 'reason must be a string' })
  reason!: string;
}
