import { wellFormedUses } from './record-usage.handler';

const ID = '0d6f3c1e-0000-4000-8000-000000000001';

/** The validation step of a batch of uses, before the decider sees them. */
describe('recording uses: validation', () => {
  it('keeps well-formed uses, their times normalised to whole seconds', () => {
    expect(
      wellFormedUses([
        { credentialId: ID, clientId: 'prd_own', lastUsedAt: '2026-03-01T11:00:00.987Z', count: 2 },
        { credentialId: ID, clientId: 'prd_third', lastUsedAt: '2026-03-01T12:30:00+01:00', count: 1 },
      ]),
    ).toEqual([
      { clientId: 'prd_own', lastUsedAt: '2026-03-01T11:00:00.000Z', count: 2, address: null, userAgent: null },
      { clientId: 'prd_third', lastUsedAt: '2026-03-01T11:30:00.000Z', count: 1, address: null, userAgent: null },
    ]);
  });

  it('drops malformed uses: a time that is not one, a count that is not a positive whole number', () => {
    expect(
      wellFormedUses([
        { credentialId: ID, clientId: 'prd_own', lastUsedAt: 'yesterday', count: 1 },
        { credentialId: ID, clientId: 'prd_own', lastUsedAt: '2026-03-01T11:00:00.000Z', count: 0 },
        { credentialId: ID, clientId: 'prd_own', lastUsedAt: '2026-03-01T11:00:00.000Z', count: 1.5 },
      ]),
    ).toEqual([]);
  });
});
