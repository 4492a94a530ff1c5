import { bodyErrors } from '@latchkey/building-blocks/testing';
import { UpdateCredentialDto } from './update-credential.dto';

const SHAPE = '{"type": "organization"} or {"type": "specific", "clientIds": [...]}';

describe('UpdateCredentialDto', () => {
  it('accepts any subset of the fields, and null for "never expires"', async () => {
    expect(await bodyErrors(UpdateCredentialDto, {})).toBeNull();
    expect(await bodyErrors(UpdateCredentialDto, { label: 'CI' })).toBeNull();
    expect(await bodyErrors(UpdateCredentialDto, { expiresAt: null })).toBeNull();
    expect(await bodyErrors(UpdateCredentialDto, { allowedApps: { type: 'organization' } })).toBeNull();
    expect(await bodyErrors(UpdateCredentialDto, { allowedApps: { type: 'specific', clientIds: ['prd_1'] } })).toBeNull();
  });

  it('refuses null for a field that may be left out, naming it', async () => {
    expect(await bodyErrors(UpdateCredentialDto, { label: null })).toEqual([{ field: 'label', message: 'label must not be null' }]);
    expect(await bodyErrors(UpdateCredentialDto, { allowedApps: null })).toEqual([
      { field: 'allowedApps', message: `allowedApps must not be null: leave it out to keep the allowed apps, or send ${SHAPE}` },
    ]);
    expect(await bodyErrors(UpdateCredentialDto, { allowedApps: { type: 'organization', clientIds: null } })).toEqual([
      {
        field: 'allowedApps.clientIds',
        message: 'allowedApps.clientIds must not be null: list client ids with allowedApps.type "specific", leave it out with "organization"',
      },
    ]);
  });

  it.each([
    ['a string', 'organization'],
    ['a number', 5],
    ['an array', [{ type: 'organization' }]],
    ['an empty array', []],
    ['true', true],
  ])('refuses allowedApps as %s with the shape it must have', async (_what, allowedApps) => {
    expect(await bodyErrors(UpdateCredentialDto, { allowedApps })).toEqual([{ field: 'allowedApps', message: `allowedApps must be ${SHAPE}` }]);
  });
});
