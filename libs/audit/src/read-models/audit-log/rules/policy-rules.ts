import { rule } from './audit-rule';

interface Policy {
  maxCredentialLifetimeDays: number | null;
  requireExpiry: boolean;
  organizationWideCredentials: { production: boolean; sandbox: boolean };
  thirdPartyApps: string;
  inactiveCredentialRevocationDays: number | null;
  requireMfa: boolean;
}

const copy = (p: Policy): Policy => ({
  maxCredentialLifetimeDays: p.maxCredentialLifetimeDays,
  requireExpiry: p.requireExpiry,
  organizationWideCredentials: { production: p.organizationWideCredentials.production, sandbox: p.organizationWideCredentials.sandbox },
  thirdPartyApps: p.thirdPartyApps,
  inactiveCredentialRevocationDays: p.inactiveCredentialRevocationDays,
  requireMfa: p.requireMfa,
});

/** The organization's credential policy (the organizations module's `organizationPolicy` streams). */
export const policyRules = {
  OrganizationPolicyChanged: rule<{ organizationId: string; policy: Policy; previous: Policy; changedAt: string }>({
    category: 'organizationPolicy',
    type: 'policy.changed',
    subject: (d) => ({ kind: 'organization', id: d.organizationId }),
    remember: (d) => ({ organizationId: d.organizationId, label: 'Organization policy' }),
    at: (d) => d.changedAt,
    data: (d) => ({ policy: copy(d.policy), previous: copy(d.previous) }),
  }),
};
