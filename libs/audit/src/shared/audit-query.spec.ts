import { auditFilter } from './audit-query';

const fieldErrors = (query: Parameters<typeof auditFilter>[0]) => {
  try {
    auditFilter(query);
    return [];
  } catch (error) {
    return (error as { details: { errors: unknown[] } }).details.errors;
  }
};

describe('auditFilter', () => {
  it('matches a dotted type as an entry type and another as the recorded event’s type', () => {
    expect(auditFilter({ type: 'credential.revoked' })).toEqual({ type: 'credential.revoked' });
    expect(auditFilter({ type: 'CredentialRevoked' })).toEqual({ eventType: 'CredentialRevoked' });
  });

  it('normalises times to ISO instants', () => {
    expect(auditFilter({ since: '2026-03-01', until: '2026-03-02T01:00:00+01:00', actorId: 'u1', credentialId: 'c1' })).toEqual({
      since: '2026-03-01T00:00:00.000Z',
      until: '2026-03-02T00:00:00.000Z',
      actorId: 'u1',
      credentialId: 'c1',
    });
  });

  it('names each field that is wrong', () => {
    expect(fieldErrors({ since: 'yesterday', until: '2026-13-01T00:00:00' })).toEqual([
      { field: 'since', message: 'since must be an ISO 8601 date or date-time with a time zone' },
      { field: 'until', message: 'until must be an ISO 8601 date or date-time with a time zone' },
    ]);
    expect(fieldErrors({ since: '2026-02-30T00:00:00Z' })).toEqual([{ field: 'since', message: expect.any(String) }]);
    expect(fieldErrors({ since: '2026-03-02', until: '2026-03-01' })).toEqual([{ field: 'until', message: 'until must be after since' }]);
  });
});
