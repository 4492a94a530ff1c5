import { eventMetadata } from './event-metadata';

describe('eventMetadata', () => {
  it('carries the correlation id, the actor and the client address of the request', () => {
    expect(eventMetadata({ correlationId: 'c1', actor: { userId: 'u1', email: 'a@b.test' }, address: '203.0.113.7' })).toEqual({
      correlationId: 'c1',
      actor: { userId: 'u1', email: 'a@b.test' },
      address: '203.0.113.7',
    });
  });

  it('leaves the address out for work no client asked for', () => {
    expect(eventMetadata({ correlationId: 'c1', actor: null, address: null })).toEqual({ correlationId: 'c1', actor: null });
    expect(eventMetadata({ correlationId: 'c1', actor: null })).toEqual({ correlationId: 'c1', actor: null });
  });
});
