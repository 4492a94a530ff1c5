import { bodyErrors } from '@latchkey/building-blocks/testing';
import { CreateInvitationDto } from './create-invitation.dto';

describe('CreateInvitationDto', () => {
  it('accepts an invitation with or without permissions', async () => {
    expect(await bodyErrors(CreateInvitationDto, { email: 'bob@acme.example', role: 'developer' })).toBeNull();
    expect(await bodyErrors(CreateInvitationDto, { email: 'bob@acme.example', role: 'user', permissions: ['ReadAccounts'] })).toBeNull();
  });

  it('refuses unknown roles and permissions', async () => {
    expect(await bodyErrors(CreateInvitationDto, { email: 'bob@acme.example', role: 'root' })).toEqual([
      { field: 'role', message: 'role must be one of user, developer, developer_admin' },
    ]);
    expect(await bodyErrors(CreateInvitationDto, { email: 'bob@acme.example', role: 'user', permissions: ['Everything'] })).toEqual([
      { field: 'permissions', message: 'permissions must contain only ReadAccounts, EditAccounts, ReadExtensions, EditExtensions' },
    ]);
  });

  it('refuses null permissions (leave the field out for the role’s defaults)', async () => {
    expect(await bodyErrors(CreateInvitationDto, { email: 'bob@acme.example', role: 'user', permissions: null })).toEqual([
      { field: 'permissions', message: 'permissions must not be null' },
    ]);
  });
});
