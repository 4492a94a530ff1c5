const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The waits before each retry (API.md): a message is tried once and retried 7 times, over about 27.5 hours. */
export const RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

/** An attempt claimed but not finished by then (the instance died mid-send) may be claimed again. */
export const CLAIM_EXPIRES_MS = 60 * SECOND;
