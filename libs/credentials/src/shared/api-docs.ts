import { ApiHeader } from '@nestjs/swagger';
import type { ProblemDoc } from '@latchkey/building-blocks';

export const IF_MATCH_HEADER = ApiHeader({
  name: 'If-Match',
  required: false,
  description:
    'The credential’s ETag (its revision), e.g. `"3"` (a bare `3` is accepted too). When it is stale the write is refused with `412 REVISION_MISMATCH`.',
});

export const ETAG_HEADER = { ETag: { description: 'The credential’s revision, e.g. `"3"`; send it back in `If-Match`', schema: { type: 'string' } } };

/** The problems several credential routes answer with (the kernel's `COMMON_PROBLEMS` has the rest). */
export const CREDENTIAL_PROBLEMS = {
  ifMatch: [400, 'INVALID_IF_MATCH', 'If-Match is not a revision such as `"3"`'] as ProblemDoc,
  notFound: [
    404,
    'CREDENTIAL_NOT_FOUND',
    'no such credential, or the caller is neither its owner nor a developer admin of the owner’s organization, or it was deleted',
  ] as ProblemDoc,
  developerAccess: [
    403,
    'DEVELOPER_ACCESS_REQUIRED',
    'the caller’s role is `user`: without developer access an owner may still revoke or delete their credentials, but not change them',
  ] as ProblemDoc,
  notActive: [409, 'CREDENTIAL_NOT_ACTIVE', 'the credential is revoked or expired and can no longer change'] as ProblemDoc,
  stale: [412, 'REVISION_MISMATCH', 'If-Match names a revision the credential is no longer at'] as ProblemDoc,
  appNotFound: [422, 'APP_NOT_FOUND', 'no app of the credential’s environment has this client id (the message names it)'] as ProblemDoc,
};

/** The problems of the credential-request routes. */
export const CREDENTIAL_REQUEST_PROBLEMS = {
  notFound: [404, 'CREDENTIAL_REQUEST_NOT_FOUND', 'no such credential request in the caller’s organization'] as ProblemDoc,
  decided: [409, 'CREDENTIAL_REQUEST_DECIDED', 'the request is already approved or denied: a decision is final'] as ProblemDoc,
  obsolete: [
    409,
    'CREDENTIAL_REQUEST_OBSOLETE',
    'the credential no longer waits for the app (removed from the list, or the credential revoked, deleted or expired): deny the request instead',
  ] as ProblemDoc,
};
