import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

class FieldErrorSchema {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'email must be an email' }) message!: string;
}

/** RFC 9457 problem details, as every console error is answered (`application/problem+json`). */
export class ProblemSchema {
  @ApiProperty({ example: 'urn:latchkey:problem:member-not-found' }) type!: string;
  @ApiProperty({ example: 'Not Found' }) title!: string;
  @ApiProperty({ example: 404 }) status!: number;
  @ApiProperty({ example: 'No such member in your organization' }) detail!: string;
  @ApiProperty({ description: 'Stable machine-readable code', example: 'MEMBER_NOT_FOUND' }) code!: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'Field errors of a validation failure' }) errors?: FieldErrorSchema[];
}

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

export const VALIDATION_PROBLEM: ProblemDoc = [
  400,
  'VALIDATION_FAILED',
  'a field is missing or invalid, or the body has an unknown field (see `errors`)',
];
export const UNAUTHENTICATED_PROBLEM: ProblemDoc = [401, 'UNAUTHENTICATED', 'no session token, or one that no longer works'];
export const MEMBERSHIP_PROBLEM: ProblemDoc = [403, 'MEMBERSHIP_REQUIRED', 'the caller is not an active member of an organization'];
export const DEVELOPER_PROBLEM: ProblemDoc = [
  403,
  'DEVELOPER_ACCESS_REQUIRED',
  'the caller’s role is `user`; this needs `developer` or `developer_admin`',
];
export const ADMIN_PROBLEM: ProblemDoc = [403, 'DEVELOPER_ADMIN_REQUIRED', 'only a `developer_admin` may do this'];
