import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENVIRONMENTS } from '@latchkey/building-blocks';
import { GRANT_TYPES, PERMISSIONS } from '../../contracts';
import { ClientCredentialsResponse } from '../../shared/client-credentials.response';

class ClientCredentialsByEnvironment {
  @ApiPropertyOptional({ type: ClientCredentialsResponse }) production?: ClientCredentialsResponse;
  @ApiPropertyOptional({ type: ClientCredentialsResponse }) sandbox?: ClientCredentialsResponse;
}

export class CreatedAppResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) scopes!: string[];
  @ApiProperty({ enum: GRANT_TYPES, isArray: true }) grantTypes!: string[];
  @ApiProperty({ enum: ENVIRONMENTS, isArray: true }) environments!: string[];
  @ApiProperty({ type: ClientCredentialsByEnvironment }) clients!: ClientCredentialsByEnvironment;
}
