import { bodyErrors } from '@latchkey/building-blocks/testing';
import { CreateCredentialDto } from './create-credential.dto';

const SHAPE = '{"type": "organization"} or {"type": "specific", "clientIds": [...]}';
const valid = { label: 'CI', environment: 'production', expiresAt: null, allowedApps: { type: 'organization' } };

describe('CreateCredentialDto', () => {
  it('accepts a complete body', async () => {
    expect(await bodyErrors(CreateCredentialDto, valid)).toBeNull();
  });

  it('tells a missing allowedApps, a null one and one of the wrong shape apart', async () => {
    const { allowedApps: _left, ...withoutApps } = valid;
    expect(await bodyErrors(CreateCredentialDto, withoutApps)).toEqual([{ field: 'allowedApps', message: `allowedApps is required: ${SHAPE}` }]);
    expect(await bodyErrors(CreateCredentialDto, { ...valid, allowedApps: null })).toEqual([
      { field: 'allowedApps', message: `allowedApps must not be null: send ${SHAPE}` },
    ]);
    expect(await bodyErrors(CreateCredentialDto, { ...valid, allowedApps: ['organization'] })).toEqual([
      { field: 'allowedApps', message: `allowedApps must be ${SHAPE}` },
    ]);
  });

  it('refuses null clientIds', async () => {
    expect(await bodyErrors(CreateCredentialDto, { ...valid, allowedApps: { type: 'specific', clientIds: null } })).toEqual([
      {
        field: 'allowedApps.clientIds',
        message: 'allowedApps.clientIds must not be null: list client ids with allowedApps.type "specific", leave it out with "organization"',
      },
    ]);
  });
});
