import type { DomainEvent } from '@latchkey/event-store';
import { ORGANIZATION_POLICY_STREAM_PREFIX, type OrganizationPolicyChangedData } from '../../contracts';

export const policyStream = (organizationId: string): string => `${ORGANIZATION_POLICY_STREAM_PREFIX}${organizationId}`;

export type OrganizationPolicyChanged = DomainEvent<'OrganizationPolicyChanged', OrganizationPolicyChangedData>;

export type PolicyEvent = OrganizationPolicyChanged;

export const POLICY_EVENT_TYPES = ['OrganizationPolicyChanged'] as const satisfies readonly PolicyEvent['type'][];
