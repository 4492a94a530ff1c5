import { ApiProperty } from '@nestjs/swagger';
import { API_TOKEN_SCOPES, type ApiTokenScope, type ApiTokenView } from './api-tokens';

/** A console API token as the console shows it: never the token text. */
export class ApiTokenResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'deploy pipeline' })
  name!: string;
  @ApiProperty({ enum: API_TOKEN_SCOPES, isArray: true })
  scopes!: ApiTokenScope[];
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Written in batches, a few seconds after a use.' })
  lastUsedAt!: string | null;
  @ApiProperty({ enum: ['active', 'expired'] })
  status!: 'active' | 'expired';

  static of(view: ApiTokenView): ApiTokenResponse {
    const { id, name, scopes, createdAt, expiresAt, lastUsedAt, status } = view;
    return { id, name, scopes, createdAt, expiresAt, lastUsedAt, status };
  }
}

/** The answer of a creation: the token, shown only here. */
export class CreatedApiTokenResponse extends ApiTokenResponse {
  @ApiProperty({ example: 'lkc_4Fq0c1XxV3mTg7bWz9kPz2sQe8RnYt5u1hJd6K', description: 'Shown only in this answer; store it as a secret.' })
  token!: string;
}
