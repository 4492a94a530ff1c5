import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** 1 to 128 visible ASCII characters: safe in a header, a log line and JSON, as the caller sent it. */
const ACCEPTABLE = /^[\x21-\x7e]{1,128}$/;

export const isAcceptableRequestId = (value: unknown): value is string => typeof value === 'string' && ACCEPTABLE.test(value);

/**
 * Fastify's `genReqId`: the caller's `X-Request-Id` when acceptable, else a new id — a random
 * prefix drawn once per process and a counter, so ids from several instances or restarts do not
 * collide and drawing one costs no randomness.
 */
export function requestIdGenerator(): (request: IncomingMessage) => string {
  const prefix = randomBytes(9).toString('base64url');
  let next = 0;
  return (request) => {
    const given = request.headers[REQUEST_ID_HEADER];
    if (given !== undefined && isAcceptableRequestId(given)) return given;
    next = next === Number.MAX_SAFE_INTEGER ? 1 : next + 1;
    return `${prefix}-${next.toString(36)}`;
  };
}
