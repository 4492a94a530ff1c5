import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

class FieldErrorSchema {
  @ApiProperty({ example: 'expiresAt' }) field!: string;
  @ApiProperty({ example: 'expiresAt must be in the future' }) message!: string;
}

/** RFC 9457 problem details, as every console error is answered (`application/problem+json`). */
export class CredentialProblemSchema {
  @ApiProperty({ example: 'urn:latchkey:problem:credential-not-found' }) type!: string;
  @ApiProperty({ example: 'Not Found' }) title!: string;
  @ApiProperty({ example: 404 }) status!: number;
  @ApiProperty({ example: 'No such credential' }) detail!: string;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'CREDENTIAL_NOT_FOUND' }) code!: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'Field errors of a validation failure' }) errors?: FieldErrorSchema[];
}

export type ProblemDoc = [status: number, code: string, when: string];

/** Documents the problems a route answers with, grouped by status, naming each `code`. */
export function ApiProblems(...problems: ProblemDoc[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, string[]>();
  for (const [status, code, when] of problems) byStatus.set(status, [...(byStatus.get(status) ?? []), `\`${code}\`: ${when}`]);
  const schema = { $ref: getSchemaPath(CredentialProblemSchema) };
  return applyDecorators(
    ApiExtraModels(CredentialProblemSchema),
    ...[...byStatus].map(([status, lines]) =>
      ApiResponse({ status, description: lines.join('<br>'), content: { 'application/problem+json': { schema } } }),
    ),
  );
}

export const IF_MATCH_HEADER = ApiHeader({
  name: 'If-Match',
  required: false,
  description:
    'The credential’s ETag (its revision), e.g. `"3"` (a bare `3` is accepted too). When it is stale the write is refused with `412 REVISION_MISMATCH`.',
});

export const P = {
  validation: [400, 'VALIDATION_FAILED', 'a field is missing or invalid, or the body has an unknown field (see `errors`)'] as ProblemDoc,
  cursor: [400, 'INVALID_CURSOR', 'the cursor is not one this API returned'] as ProblemDoc,
  ifMatch: [400, 'INVALID_IF_MATCH', 'If-Match is not a revision such as `"3"`'] as ProblemDoc,
  unauthenticated: [401, 'UNAUTHENTICATED', 'no valid session token'] as ProblemDoc,
  membership: [403, 'MEMBERSHIP_REQUIRED', 'the caller is not an active member of an organization'] as ProblemDoc,
  developer: [403, 'DEVELOPER_ACCESS_REQUIRED', 'the caller’s role is `user`; this needs `developer` or `developer_admin`'] as ProblemDoc,
  admin: [403, 'DEVELOPER_ADMIN_REQUIRED', 'only a `developer_admin` may do this'] as ProblemDoc,
  notFound: [
    404,
    'CREDENTIAL_NOT_FOUND',
    'no such credential, or the caller is neither its owner nor a developer admin of the owner’s organization, or it was deleted',
  ] as ProblemDoc,
  notActive: [409, 'CREDENTIAL_NOT_ACTIVE', 'the credential is revoked or expired and can no longer change'] as ProblemDoc,
  stale: [412, 'REVISION_MISMATCH', 'If-Match names a revision the credential is no longer at'] as ProblemDoc,
  appNotFound: [422, 'APP_NOT_FOUND', 'no app of the credential’s environment has this client id (the message names it)'] as ProblemDoc,
};

export const ETAG_HEADER = { ETag: { description: 'The credential’s revision, e.g. `"3"`; send it back in `If-Match`', schema: { type: 'string' } } };
