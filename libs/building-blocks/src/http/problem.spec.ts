import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, validationFailed } from '../errors/domain-error';
import { toProblem } from './problem';

describe('toProblem', () => {
  it.each([
    ['validation', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['gone', 410],
    ['precondition', 412],
    ['unprocessable', 422],
    ['rate-limited', 429],
    ['unavailable', 503],
  ] as const)('maps a %s domain error to %d with its code and message', (kind, status) => {
    const { problem, unexpected } = toProblem(new DomainError(kind, 'SOME_CODE', 'What went wrong'));
    expect(problem).toEqual({
      type: 'urn:latchkey:problem:some-code',
      title: expect.any(String),
      status,
      detail: 'What went wrong',
      code: 'SOME_CODE',
    });
    expect(unexpected).toBe(false);
  });

  it('carries field errors and Retry-After', () => {
    const { problem, headers } = toProblem(
      new DomainError('rate-limited', 'RATE_LIMITED', 'Too many attempts', { retryAfterSeconds: 2.2, errors: [{ field: 'email', message: 'x' }] }),
    );
    expect(problem.errors).toEqual([{ field: 'email', message: 'x' }]);
    expect(headers).toEqual({ 'retry-after': '3' });
    expect(problem.title).toBe('Too many attempts');
  });

  it('maps request validation failures to 400 VALIDATION_FAILED', () => {
    const { problem } = toProblem(validationFailed([{ field: 'label', message: 'label must be a string' }]));
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: 'label must be a string' });
  });

  it('titles a problem with what went wrong: by code, and an invalid body by the route it was sent to', () => {
    const invalid = validationFailed([{ field: 'label', message: 'Enter a label' }]);
    expect(toProblem(invalid, 'r1', 'POST /console/v1/credentials').problem.title).toBe('Invalid credential settings');
    expect(toProblem(invalid, 'r1', 'PATCH /console/v1/credentials/:id').problem.title).toBe('Invalid credential settings');
    expect(toProblem(invalid, 'r1', 'POST /console/v1/signup').problem.title).toBe('Invalid sign-up details');
    expect(toProblem(invalid, 'r1', 'GET /console/v1/unlisted').problem.title).toBe('Invalid request');
    expect(toProblem(invalid).problem.title).toBe('Invalid request');
    const unauthenticated = new DomainError('unauthenticated', 'UNAUTHENTICATED', 'Sign in first');
    expect(toProblem(unauthenticated, 'r1', 'GET /console/v1/me').problem).toMatchObject({ status: 401, title: 'Not signed in' });
    expect(toProblem(new DomainError('not-found', 'CREDENTIAL_NOT_FOUND', 'No such credential')).problem.title).toBe('Credential not found');
    expect(toProblem(new DomainError('conflict', 'SOMETHING_NEW', 'x')).problem.title).toBe('Conflict');
  });

  it('tells the client the public detail of an error whose message names internals', () => {
    const unavailable = new DomainError('unavailable', 'STORE_UNAVAILABLE', 'connection refused to 10.0.0.1', {
      publicDetail: 'The event store is unavailable; nothing was changed. Try again shortly.',
      retryAfterSeconds: 5,
    });
    const { problem, headers } = toProblem(unavailable);
    expect(problem).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(problem.detail).not.toContain('10.0.0.1');
    expect(headers['retry-after']).toBe('5');
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(toProblem(new BadRequestException('Unexpected end of JSON input')).problem).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('does not echo the URL of an unknown route', () => {
    const url = `/console/v1/credentials/${'<script>'.repeat(600)}`;
    const { problem } = toProblem(new NotFoundException(`Cannot GET ${url}`));
    expect(problem).toEqual({
      type: 'urn:latchkey:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'There is no such resource',
      code: 'NOT_FOUND',
    });
  });

  it('hides anything unexpected behind a generic 500', () => {
    const { problem, unexpected } = toProblem(new TypeError('Cannot read properties of undefined (reading secret)'));
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(problem.detail).not.toContain('secret');
    expect(unexpected).toBe(true);
  });

  describe('client errors raised below Nest (Fastify, its plugins, Node)', () => {
    /** What `@fastify/static` passes on when it refuses a path: an http-errors error. */
    const staticForbidden = Object.assign(new Error('Forbidden'), { name: 'ForbiddenError', status: 403, statusCode: 403, expose: true });

    it('keeps a plugin’s 4xx status, with a fixed detail, and is not an unexpected failure', () => {
      const { problem, unexpected } = toProblem(staticForbidden);
      expect(problem).toEqual({
        type: 'urn:latchkey:problem:forbidden',
        title: 'Forbidden',
        status: 403,
        detail: 'Access to this resource is forbidden',
        code: 'FORBIDDEN',
      });
      expect(unexpected).toBe(false);
    });

    it.each([
      [400, 'BAD_REQUEST'],
      [404, 'NOT_FOUND'],
      [408, 'REQUEST_TIMEOUT'],
      [413, 'PAYLOAD_TOO_LARGE'],
      [415, 'UNSUPPORTED_MEDIA_TYPE'],
      [431, 'REQUEST_HEADER_FIELDS_TOO_LARGE'],
      [451, 'UNAVAILABLE_FOR_LEGAL_REASONS'],
    ])('maps statusCode %d to %s without echoing the message', (status, code) => {
      const error = Object.assign(new Error('Unsupported Media Type: /console/v1/<script>'), { statusCode: status, code: 'FST_ERR_SOMETHING' });
      const { problem, unexpected } = toProblem(error);
      expect(problem).toMatchObject({ status, code });
      expect(problem.detail).not.toContain('/console');
      expect(problem.detail).not.toContain('<script>');
      expect(unexpected).toBe(false);
    });

    it('does not take a 5xx or a nonsense statusCode from an unknown error', () => {
      expect(toProblem(Object.assign(new Error('db down at 10.0.0.1'), { statusCode: 502 }))).toMatchObject({
        problem: { status: 500, code: 'INTERNAL_ERROR' },
        unexpected: true,
      });
      expect(toProblem(Object.assign(new Error('x'), { statusCode: '404' })).problem.status).toBe(500);
      expect(toProblem(Object.assign(new Error('x'), { statusCode: 404.5 })).problem.status).toBe(500);
    });
  });
});
