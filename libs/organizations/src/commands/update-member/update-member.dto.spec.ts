import { bodyErrors } from '@latchkey/building-blocks/testing';
import { UpdateMemberDto } from './update-member.dto';

describe('UpdateMemberDto', () => {
  it('accepts a role, permissions, both or neither', async () => {
    expect(await bodyErrors(UpdateMemberDto, { role: 'developer' })).toBeNull();
    expect(await bodyErrors(UpdateMemberDto, { permissions: ['EditAccounts', 'ReadAccounts'] })).toBeNull();
    expect(await bodyErrors(UpdateMemberDto, { role: 'user', permissions: [] })).toBeNull();
    expect(await bodyErrors(UpdateMemberDto, {})).toBeNull();
  });

  it('refuses permissions outside the catalog and duplicates, and unknown roles', async () => {
    expect(await bodyErrors(UpdateMemberDto, { permissions: ['ReadAccounts', 'Root'] })).toEqual([
      { field: 'permissions', message: 'permissions must contain only ReadAccounts, EditAccounts, ReadExtensions, EditExtensions' },
    ]);
    expect(await bodyErrors(UpdateMemberDto, { permissions: ['ReadAccounts', 'ReadAccounts'] })).toEqual([
      { field: 'permissions', message: 'permissions must not contain duplicates' },
    ]);
    expect(await bodyErrors(UpdateMemberDto, { role: 'owner' })).toEqual([
      { field: 'role', message: 'role must be one of user, developer, developer_admin' },
    ]);
  });

  it('refuses null for a field that may be left out', async () => {
    expect(await bodyErrors(UpdateMemberDto, { role: null })).toEqual([{ field: 'role', message: 'role must not be null' }]);
    expect(await bodyErrors(UpdateMemberDto, { permissions: null })).toEqual([{ field: 'permissions', message: 'permissions must not be null' }]);
  });
});
