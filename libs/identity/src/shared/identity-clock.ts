import { Injectable } from '@nestjs/common';

/**
 * Identity's source of "now": session expiry, throttling windows and the times written into
 * events. A provider rather than `new Date()` so that tests can move time forward (past a lockout
 * or a session's end) instead of sleeping.
 */
@Injectable()
export class IdentityClock {
  now(): Date {
    return new Date();
  }
}
