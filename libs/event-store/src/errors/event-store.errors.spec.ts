import { toProblem } from '@latchkey/building-blocks';
import { EventStoreUnavailableError } from './event-store.errors';

describe('EventStoreUnavailableError', () => {
  it('answers 503 STORE_UNAVAILABLE with Retry-After, without the hosts its message names', () => {
    const { problem, headers } = toProblem(new EventStoreUnavailableError('connection refused to 10.0.0.1'));
    expect(problem).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(problem.detail).not.toContain('10.0.0.1');
    expect(headers['retry-after']).toBe('5');
  });
});
