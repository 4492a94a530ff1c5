import type { DomainEvent } from '@latchkey/event-store';

/**
 * One stream per canonical e-mail address makes "one account per address" hold across user
 * streams: the first reservation is appended with expected revision `no_stream`, so of two
 * concurrent registrations exactly one wins.
 */
export type EmailReserved = DomainEvent<'EmailReserved', { email: string; userId: string; reservedAt?: string }>;
/** Undoes a reservation whose registration failed after reserving, or never finished (`abandoned`). */
export type EmailReleased = DomainEvent<'EmailReleased', { email: string; userId: string; abandoned?: true }>;
export type EmailReservationEvent = EmailReserved | EmailReleased;
