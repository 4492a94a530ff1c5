import { throwIfInvalid } from '@latchkey/building-blocks';
import { clientIdErrors } from '../../shared/credential-input';

/** The validation step of allowing an app, after the DTO checked the type: a non-empty client id of at most 200 characters. */
export function validClientId(clientId: string): string {
  throwIfInvalid(clientIdErrors('clientId', clientId));
  return clientId;
}
