/** Milliseconds since the epoch; injected so tests can move time. */
export type Clock = () => number;

export const TOKEN_CLOCK = Symbol('TOKEN_CLOCK');

export const systemClock: Clock = () => Date.now();

export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);
