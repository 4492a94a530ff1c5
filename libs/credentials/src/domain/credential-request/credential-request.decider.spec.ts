import { deciderSpec } from '@latchkey/event-store/testing';
import type { ApproveCredentialRequest, CreateCredentialRequest, DenyCredentialRequest } from './credential-request.decide';
import { credentialRequestDecider } from './credential-request.decider';
import type { CredentialRequestApproved, CredentialRequestCreated, CredentialRequestDenied } from './credential-request.events';

const ORG = 'org-1';
const AT = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-02T10:00:00.000Z';
const developer = { userId: 'user-dev', email: 'dev@acme.test' };
const admin = { userId: 'user-admin', email: 'admin@acme.test' };

const create = (approvedAtOnce = false): CreateCredentialRequest => ({
  type: 'CreateCredentialRequest',
  requestId: 'request-1',
  credentialId: 'credential-1',
  credentialLabel: 'Partner sync',
  organizationId: ORG,
  requester: approvedAtOnce ? admin : developer,
  clientId: 'prd_partner',
  appName: 'Invoice sync',
  appOrganizationName: 'Partner Inc.',
  justification: 'Partner syncs our invoices',
  approvedAtOnce,
  at: AT,
});
const created = (requester = developer): CredentialRequestCreated => ({
  type: 'CredentialRequestCreated',
  data: {
    requestId: 'request-1',
    credentialId: 'credential-1',
    credentialLabel: 'Partner sync',
    organizationId: ORG,
    requester,
    clientId: 'prd_partner',
    appName: 'Invoice sync',
    appOrganizationName: 'Partner Inc.',
    justification: 'Partner syncs our invoices',
    createdAt: AT,
  },
});
const approve = (organizationId = ORG): ApproveCredentialRequest => ({
  type: 'ApproveCredentialRequest',
  organizationId,
  decidedBy: admin,
  note: 'Checked the contract',
  at: LATER,
});
const deny = (organizationId = ORG): DenyCredentialRequest => ({
  type: 'DenyCredentialRequest',
  organizationId,
  decidedBy: admin,
  reason: 'No contract',
  at: LATER,
});
const approved: CredentialRequestApproved = {
  type: 'CredentialRequestApproved',
  data: {
    requestId: 'request-1',
    credentialId: 'credential-1',
    organizationId: ORG,
    clientId: 'prd_partner',
    decidedBy: admin,
    note: 'Checked the contract',
    automatic: false,
    decidedAt: LATER,
  },
};
const denied: CredentialRequestDenied = {
  type: 'CredentialRequestDenied',
  data: {
    requestId: 'request-1',
    credentialId: 'credential-1',
    organizationId: ORG,
    clientId: 'prd_partner',
    decidedBy: admin,
    note: 'No contract',
    decidedAt: LATER,
  },
};
const spec = () => deciderSpec(credentialRequestDecider);

describe('credential request decider', () => {
  it('creates a pending request with the requester’s justification', () => {
    spec().given([]).when(create()).then([created()]);
  });

  it('approves a developer_admin’s own request at once, with the requester as decider', () => {
    spec()
      .given([])
      .when(create(true))
      .then([
        created(admin),
        {
          type: 'CredentialRequestApproved',
          data: {
            requestId: 'request-1',
            credentialId: 'credential-1',
            organizationId: ORG,
            clientId: 'prd_partner',
            decidedBy: admin,
            note: null,
            automatic: true,
            decidedAt: AT,
          },
        },
      ]);
  });

  it('refuses to create a request twice', () => {
    spec().given([created()]).when(create()).thenFails('CREDENTIAL_REQUEST_EXISTS', 'conflict');
  });

  it('approves a pending request with the admin’s note', () => {
    spec().given([created()]).when(approve()).then([approved]);
    spec()
      .given([created()])
      .when({ ...approve(), note: null })
      .then([{ ...approved, data: { ...approved.data, note: null } }]);
  });

  it('denies a pending request with the admin’s reason as its note', () => {
    spec().given([created()]).when(deny()).then([denied]);
  });

  it('decides once: no second approval, no denial after an approval, no approval after a denial (409)', () => {
    spec().given([created(), approved]).when(approve()).thenFails('CREDENTIAL_REQUEST_DECIDED', 'conflict');
    spec().given([created(), approved]).when(deny()).thenFails('CREDENTIAL_REQUEST_DECIDED', 'conflict');
    spec().given([created(), denied]).when(approve()).thenFails('CREDENTIAL_REQUEST_DECIDED', 'conflict');
    spec().given([created(), denied]).when(deny()).thenFails('CREDENTIAL_REQUEST_DECIDED', 'conflict');
  });

  it('does not find an unknown request, or one of another organization (404)', () => {
    spec().given([]).when(approve()).thenFails('CREDENTIAL_REQUEST_NOT_FOUND', 'not-found');
    spec().given([]).when(deny()).thenFails('CREDENTIAL_REQUEST_NOT_FOUND', 'not-found');
    spec().given([created()]).when(approve('org-other')).thenFails('CREDENTIAL_REQUEST_NOT_FOUND', 'not-found');
    spec().given([created()]).when(deny('org-other')).thenFails('CREDENTIAL_REQUEST_NOT_FOUND', 'not-found');
  });
});
