import type { ProblemDoc } from '@latchkey/building-blocks';

export const ACCOUNT_PROBLEMS = {
  csrf: [403, 'CSRF_HEADER_REQUIRED', 'signed in by the session cookie without the header `X-Requested-With: latchkey`'] as ProblemDoc,
  rateLimited: [
    429,
    'RATE_LIMITED',
    'too many failed password or code checks (the login throttle); `Retry-After` gives the seconds to wait',
  ] as ProblemDoc,
  busy: [503, 'BUSY', 'too many password hashes are waiting; `Retry-After` gives the seconds to wait'] as ProblemDoc,
  invalidCode: [422, 'INVALID_CODE', 'the code is wrong, of a step already used, or a used recovery code'] as ProblemDoc,
};
