import type { ProblemDoc } from '@latchkey/building-blocks';

export const MEMBER_NOT_FOUND: ProblemDoc = [404, 'MEMBER_NOT_FOUND', 'no active member with this user id in your organization'];
export const LAST_ADMIN: ProblemDoc = [409, 'LAST_DEVELOPER_ADMIN', 'the organization would be left without an active developer_admin'];
