export * from './organizations.module';
export * from './contracts';
export { MembershipGuard } from './guards/membership.guard';
export { RequireRole, type RequiredRole } from './guards/require-role.decorator';
export { Member } from './guards/member.decorator';
