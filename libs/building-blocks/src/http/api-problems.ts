import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

class FieldErrorSchema {
  @ApiProperty({ example: 'expiresAt' }) field!: string;
  @ApiProperty({ example: 'Choose a date and time in the future', description: 'Written for people; `field` names the field exactly' })
  message!: string;
}

/** RFC 9457 problem details, as every console error is answered (`application/problem+json`). */
export class ProblemSchema {
  @ApiProperty({ example: 'urn:latchkey:problem:credential-not-found' }) type!: string;
  @ApiProperty({
    example: 'Credential not found',
    description: 'What went wrong, in people’s words (by `code`; for `VALIDATION_FAILED`, by what was sent, e.g. "Invalid credential settings")',
  })
  title!: string;
  @ApiProperty({ example: 404 }) status!: number;
  @ApiProperty({ example: 'No such credential' }) detail!: string;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'CREDENTIAL_NOT_FOUND' }) code!: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'Field errors of a validation failure: every invalid field at once' })
  errors?: FieldErrorSchema[];
}

/** A problem a route may answer: its status, its `code`, and when. */
export type ProblemDoc = [status: number, code: string, when: string];

/** Documents the problems a route answers with, grouped by status, naming each `code`. */
export function ApiProblems(...problems: ProblemDoc[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, string[]>();
  for (const [status, code, when] of problems) byStatus.set(status, [...(byStatus.get(status) ?? []), `\`${code}\`: ${when}`]);
  const schema = { $ref: getSchemaPath(ProblemSchema) };
  return applyDecorators(
    ApiExtraModels(ProblemSchema),
    ...[...byStatus].map(([status, lines]) =>
      ApiResponse({ status, description: lines.join('<br>'), content: { 'application/problem+json': { schema } } }),
    ),
  );
}

/** The problems many console routes share. */
export const COMMON_PROBLEMS = {
  validation: [400, 'VALIDATION_FAILED', 'fields are missing or invalid, or the body has an unknown field (`errors` names every one)'] as ProblemDoc,
  cursor: [400, 'INVALID_CURSOR', 'the cursor is not one this API returned'] as ProblemDoc,
  unauthenticated: [401, 'UNAUTHENTICATED', 'no session token, or one that no longer works'] as ProblemDoc,
  membership: [403, 'MEMBERSHIP_REQUIRED', 'the caller is not an active member of an organization'] as ProblemDoc,
  developer: [403, 'DEVELOPER_ACCESS_REQUIRED', 'the caller’s role is `user`; this needs `developer` or `developer_admin`'] as ProblemDoc,
  admin: [403, 'DEVELOPER_ADMIN_REQUIRED', 'only a `developer_admin` may do this'] as ProblemDoc,
};
