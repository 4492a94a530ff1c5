import { DomainError } from '@latchkey/building-blocks';
import type { MembershipView } from './organizations.queries';

/** Whether a member is a service user (no password, never signs in), whose tokens and credentials admins create. */
export function isServiceUser(member: Pick<MembershipView, 'kind'>): boolean {
  return member.kind === 'service';
}

/** What an admin route for service users answers for a person: people create their own tokens and credentials. */
export const serviceUserRequired = (what: string): DomainError =>
  new DomainError('unprocessable', 'SERVICE_USER_REQUIRED', `Only service users get ${what} from an admin; people create their own`);
