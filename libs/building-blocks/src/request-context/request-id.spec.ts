import type { IncomingMessage } from 'node:http';
import { toProblem } from '../http/problem';
import { DomainError } from '../errors/domain-error';
import { isAcceptableRequestId, requestIdGenerator } from './request-id';

const withHeader = (value?: string) => ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;

describe('request ids', () => {
  it.each(['a', 'abc-123', '~'.repeat(128), 'urn:x:y/z?q=1'])('accepts %j', (id) => {
    expect(isAcceptableRequestId(id)).toBe(true);
    expect(requestIdGenerator()(withHeader(id))).toBe(id);
  });

  it.each(['', 'x'.repeat(129), 'a b', 'tab\there', 'line\nbreak', 'caf\u00e9', 'nul\u0000'])('replaces %j', (id) => {
    expect(isAcceptableRequestId(id)).toBe(false);
    const generated = requestIdGenerator()(withHeader(id));
    expect(generated).not.toBe(id);
    expect(isAcceptableRequestId(generated)).toBe(true);
  });

  it('draws distinct ids, with a prefix of its own per generator', () => {
    const one = requestIdGenerator();
    const ids = new Set(Array.from({ length: 1000 }, () => one(withHeader())));
    expect(ids.size).toBe(1000);
    const prefix = (id: string) => id.slice(0, id.lastIndexOf('-'));
    expect(prefix(requestIdGenerator()(withHeader()))).not.toBe(prefix(one(withHeader())));
  });

  it('is quoted in problem+json when given', () => {
    const error = new DomainError('not-found', 'THING_NOT_FOUND', 'No such thing');
    expect(toProblem(error, 'req-7').problem.requestId).toBe('req-7');
    expect(toProblem(error).problem).not.toHaveProperty('requestId');
  });
});
