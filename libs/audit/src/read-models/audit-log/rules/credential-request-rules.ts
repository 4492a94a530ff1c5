import { rule } from './audit-rule';

interface Actor {
  userId: string;
  email: string;
}

const actor = (a: Actor): Actor => ({ userId: a.userId, email: a.email });

/**
 * Credential requests (the credentials module's `credentialRequest` streams), filed under the
 * credential they are about. The credential's organization is already known from its creation.
 */
export const credentialRequestRules = {
  CredentialRequestCreated: rule<{
    requestId: string;
    credentialId: string;
    organizationId: string;
    requester: Actor;
    clientId: string;
    appName: string;
    appOrganizationName: string;
    justification: string;
    createdAt: string;
  }>({
    category: 'credentialRequest',
    type: 'credential.request.created',
    subject: (d) => ({ kind: 'credential', id: d.credentialId }),
    remember: (d) => ({ organizationId: d.organizationId }),
    at: (d) => d.createdAt,
    data: (d) => ({
      requestId: d.requestId,
      requester: actor(d.requester),
      clientId: d.clientId,
      appName: d.appName,
      organizationName: d.appOrganizationName,
      justification: d.justification,
    }),
  }),
  CredentialRequestApproved: rule<{
    requestId: string;
    credentialId: string;
    organizationId: string;
    clientId: string;
    decidedBy: Actor;
    note: string | null;
    automatic: boolean;
    decidedAt: string;
  }>({
    category: 'credentialRequest',
    type: 'credential.request.approved',
    subject: (d) => ({ kind: 'credential', id: d.credentialId }),
    remember: (d) => ({ organizationId: d.organizationId }),
    at: (d) => d.decidedAt,
    data: (d) => ({ requestId: d.requestId, clientId: d.clientId, decidedBy: actor(d.decidedBy), note: d.note, automatic: d.automatic }),
  }),
  CredentialRequestDenied: rule<{
    requestId: string;
    credentialId: string;
    organizationId: string;
    clientId: string;
    decidedBy: Actor;
    note: string;
    decidedAt: string;
  }>({
    category: 'credentialRequest',
    type: 'credential.request.denied',
    subject: (d) => ({ kind: 'credential', id: d.credentialId }),
    remember: (d) => ({ organizationId: d.organizationId }),
    at: (d) => d.decidedAt,
    data: (d) => ({ requestId: d.requestId, clientId: d.clientId, decidedBy: actor(d.decidedBy), note: d.note }),
  }),
};
