import { bodyErrors } from '@latchkey/building-blocks/testing';
import { RevokeCredentialDto } from './revoke-credential.dto';

describe('RevokeCredentialDto', () => {
  it('takes a reason or none, never null', async () => {
    expect(await bodyErrors(RevokeCredentialDto, {})).toBeNull();
    expect(await bodyErrors(RevokeCredentialDto, { reason: 'Leaked' })).toBeNull();
    expect(await bodyErrors(RevokeCredentialDto, { reason: null })).toEqual([{ field: 'reason', message: 'reason must not be null' }]);
  });
});
