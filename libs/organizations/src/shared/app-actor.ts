import type { MembershipView } from '../contracts';
import type { AppActor } from '../domain/app/app.decide';

/** The caller as the app's rules see them: who they are, and whether they are a developer_admin. */
export const appActorOf = (member: MembershipView): AppActor => ({ userId: member.userId, developerAdmin: member.role === 'developer_admin' });
