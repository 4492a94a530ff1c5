import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENVIRONMENTS } from '@latchkey/building-blocks';
import { GRANT_TYPES, PERMISSIONS } from '../contracts';

class ClientIdResponse {
  @ApiProperty({ example: 'sbx_3q2-7wX0aVbR1cD4eF5gHw' }) clientId!: string;
}

class ClientIdsResponse {
  @ApiPropertyOptional({ type: ClientIdResponse }) production?: ClientIdResponse;
  @ApiPropertyOptional({ type: ClientIdResponse }) sandbox?: ClientIdResponse;
}

/** An app as its organization's members see it: never a secret. */
export class AppResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PERMISSIONS, isArray: true }) scopes!: string[];
  @ApiProperty({ enum: GRANT_TYPES, isArray: true }) grantTypes!: string[];
  @ApiProperty({ enum: ENVIRONMENTS, isArray: true }) environments!: string[];
  @ApiProperty({ type: ClientIdsResponse, description: 'One client per environment; never a secret' }) clients!: ClientIdsResponse;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The user id of the member who created it: they and developer_admins may edit or delete it and rotate its secrets. ' +
      'null for apps created before creators were recorded (developer_admins only).',
  })
  createdBy!: string | null;
}
