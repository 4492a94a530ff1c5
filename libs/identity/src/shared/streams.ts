import { createHash } from 'node:crypto';

/**
 * Stream names of the identity module: `<category>-<id>`, with no dash in the category.
 * The e-mail reservation is keyed by a hash so that any address makes a valid, fixed-length name.
 */
export const streams = {
  user: (userId: string) => `user-${userId}`,
  session: (sessionId: string) => `session-${sessionId}`,
  emailReservation: (canonicalEmail: string) => `emailReservation-${createHash('sha256').update(canonicalEmail, 'utf8').digest('hex')}`,
  apiToken: (tokenId: string) => `apiToken-${tokenId}`,
  apiTokenUsage: (tokenId: string) => `apiTokenUsage-${tokenId}`,
  environmentUserIdReservation: (environmentUserId: string) => `environmentUserId-${environmentUserId}`,
};

export const isUserStream = (streamName: string) => streamName.startsWith('user-');
export const isSessionStream = (streamName: string) => streamName.startsWith('session-');
export const isApiTokenStream = (streamName: string) => streamName.startsWith('apiToken-');
export const isApiTokenUsageStream = (streamName: string) => streamName.startsWith('apiTokenUsage-');
