import { Injectable } from '@nestjs/common';

/**
 * The credentials module's source of "now": creation and change times, and whether a credential
 * has expired. A provider rather than `new Date()` so that tests can move time past an expiry
 * instead of sleeping.
 */
@Injectable()
export class CredentialsClock {
  now(): Date {
    return new Date();
  }
}
