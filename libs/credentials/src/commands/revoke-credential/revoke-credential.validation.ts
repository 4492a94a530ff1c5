import { throwIfInvalid } from '@latchkey/building-blocks';
import { REASON_MAX_LENGTH, textErrors } from '../../shared/credential-input';

/**
 * The validation step of a revocation, after the DTO checked the type: a reason of at most 500
 * characters without control characters. A blank reason is recorded as none.
 */
export function validReason(reason: string | null): string | null {
  if (reason === null) return null;
  throwIfInvalid(textErrors('reason', reason, { min: 0, max: REASON_MAX_LENGTH, noun: 'a reason' }));
  return reason.trim() === '' ? null : reason;
}
