import type { EventData } from '@latchkey/event-store';
import type { AuditRule } from './audit-rule';
import { apiTokenRules } from './api-token-rules';
import { credentialRequestRules } from './credential-request-rules';
import { credentialRules } from './credential-rules';
import { identityRules } from './identity-rules';
import { organizationRules } from './organization-rules';
import { policyRules } from './policy-rules';
import { webhookRules } from './webhook-rules';

/**
 * Every recorded event type the audit log reads, with its rule. A feature that adds an audited
 * event adds one line here (through its family's table), as `policy-rules.ts` does for `policy.changed`.
 */
export const AUDIT_RULES: Readonly<Record<string, AuditRule<EventData>>> = {
  ...organizationRules,
  ...identityRules,
  ...credentialRules,
  ...credentialRequestRules,
  ...apiTokenRules,
  ...policyRules,
  ...webhookRules,
};

/** The recorded event types the audit log reads: the projection's `eventTypes`, and what `?type=` accepts besides entry types. */
export const AUDITED_EVENT_TYPES: readonly string[] = Object.keys(AUDIT_RULES);
