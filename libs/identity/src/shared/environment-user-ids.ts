import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DomainError, type Environment, isDomainError } from '@latchkey/building-blocks';
import { DeciderExecutor, type EventMetadata } from '@latchkey/event-store';
import { environmentUserIdReservationDecider } from '../domain/environment-user-id-reservation/environment-user-id-reservation.decider';
import { streams } from './streams';

/** 15 digits: numeric like RingCentral's ids, and still exact as a JSON number (< 2^53). */
export const ENVIRONMENT_USER_ID_DIGITS = 15;
const MAX_ATTEMPTS = 5;

export function randomEnvironmentUserId(): string {
  let id = String(randomInt(1, 10));
  while (id.length < ENVIRONMENT_USER_ID_DIGITS) id += String(randomInt(0, 10));
  return id;
}

/** Hands out environment user ids that no other user, in either environment, holds. */
@Injectable()
export class EnvironmentUserIds {
  constructor(private readonly executor: DeciderExecutor) {}

  async reserve(environment: Environment, userId: string, metadata: EventMetadata): Promise<string> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const environmentUserId = randomEnvironmentUserId();
      try {
        await this.executor.execute(
          environmentUserIdReservationDecider,
          streams.environmentUserIdReservation(environmentUserId),
          { type: 'ReserveEnvironmentUserId', environment, environmentUserId, userId },
          { metadata, waitForReadModels: false },
        );
        return environmentUserId;
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'ENVIRONMENT_USER_ID_TAKEN') throw error;
      }
    }
    throw new DomainError('unavailable', 'ENVIRONMENT_USER_ID_UNAVAILABLE', 'Could not allocate a user id; try again', { retryAfterSeconds: 1 });
  }
}
