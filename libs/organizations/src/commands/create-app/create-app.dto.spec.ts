import { bodyErrors } from '@latchkey/building-blocks/testing';
import { CreateAppDto } from './create-app.dto';

const valid = { name: 'Billing sync', scopes: ['ReadAccounts'], grantTypes: ['jwt_bearer'], environments: ['sandbox', 'production'] };

describe('CreateAppDto', () => {
  it('accepts a valid app', async () => {
    expect(await bodyErrors(CreateAppDto, valid)).toBeNull();
  });

  it.each([
    ['scopes', { scopes: [] }],
    ['scopes', { scopes: ['ReadAccounts', 'Root'] }],
    ['scopes', { scopes: ['ReadAccounts', 'ReadAccounts'] }],
    ['grantTypes', { grantTypes: ['password'] }],
    ['grantTypes', { grantTypes: [] }],
    ['environments', { environments: ['staging'] }],
    ['environments', { environments: [] }],
    ['environments', { environments: ['sandbox', 'sandbox'] }],
    ['name', { name: '  ' }],
    ['name', { name: 'nul \u0000 inside' }],
  ])('refuses invalid %s (%j) with a field error', async (field, change) => {
    const errors = await bodyErrors(CreateAppDto, { ...valid, ...change });
    expect(errors?.map((e) => e.field)).toEqual([field]);
  });

  it('names what is wrong with a name: blank, too long, control characters', async () => {
    expect(await bodyErrors(CreateAppDto, { ...valid, name: ' \n ' })).toEqual([{ field: 'name', message: 'Enter a name' }]);
    expect(await bodyErrors(CreateAppDto, { ...valid, name: `${'x'.repeat(100)}\u0007` })).toEqual([
      { field: 'name', message: 'Use at most 100 characters' },
    ]);
    expect(await bodyErrors(CreateAppDto, { ...valid, name: 'a\u001b[31mred' })).toEqual([
      { field: 'name', message: 'Remove control characters such as line breaks and tabs' },
    ]);
  });
});
