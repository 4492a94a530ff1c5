import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { ENVIRONMENTS, type Environment } from '@latchkey/building-blocks';

export class ClientParams {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  appId!: string;

  @ApiProperty({ enum: ENVIRONMENTS })
  @IsIn(ENVIRONMENTS, { message: `environment must be one of ${ENVIRONMENTS.join(', ')}` })
  environment!: Environment;
}
