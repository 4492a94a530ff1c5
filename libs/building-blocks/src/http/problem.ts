import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { type DomainErrorKind, type FieldError, isDomainError } from '../errors/domain-error';
import { problemTitle } from './problem-titles';

/** An RFC 9457 problem, with Latchkey's stable machine `code` and field `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  /** The request's id (its `X-Request-Id`), to quote when reporting a problem. */
  requestId?: string;
}

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
  /** True for failures that are ours, not the client's: they are logged with their stack. */
  unexpected: boolean;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  precondition: 412,
  unprocessable: 422,
  'rate-limited': 429,
  unavailable: 503,
};

export const statusOfKind = (kind: DomainErrorKind): number => STATUS_BY_KIND[kind];

/** Fastify's router errors, raised before Nest sees the request; their messages echo the URL, so they are not passed on. */
const ROUTER_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', detail: 'The URL is malformed' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'URI_TOO_LONG', detail: 'A path segment of the URL is too long' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST', detail: 'The request cannot be routed' },
};

/**
 * Client errors raised below Nest — by Fastify and its plugins (a body over the limit, an unsupported
 * media type, `@fastify/static` refusing a path) or by Node (a request past its deadline) — carry
 * their status as `statusCode`. Their messages may echo the URL or a header, so each status gets a
 * fixed detail instead.
 */
const CLIENT_ERROR_DETAILS: Record<number, string> = {
  400: 'The request could not be understood',
  403: 'Access to this resource is forbidden',
  404: 'There is no such resource',
  405: 'This method is not allowed here',
  408: 'The request did not arrive in time',
  411: 'The request must state its length',
  413: 'The request body is too large',
  414: 'The URL is too long',
  415: 'The content type of the request is not supported',
  431: 'The request headers are too large',
};

/** The 4xx status an error from below Nest carries, or null. */
function clientErrorStatusOf(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 499 ? status : null;
}

/** Nest's answer for a path no route serves, `Cannot GET /the/path`: it echoes the URL (any size, any content), so it is not passed on. */
const UNKNOWN_ROUTE = /^Cannot [A-Z]+ \//;

function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `urn:latchkey:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: problemTitle(code) ?? titleOf(status),
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (name) return name.toLowerCase().replace(/(^|_)(\w)/g, (_, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase());
  return STATUS_CODES[status] ?? 'Error';
}

/** The machine code of a bare status: Nest's name for it, else Node's reason phrase in capitals. */
function codeOfStatus(status: number): string {
  const name = (HttpStatus[status] as string | undefined) ?? STATUS_CODES[status]?.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return name ?? 'HTTP_ERROR';
}

/**
 * The one mapping from anything thrown while serving a console request to the answer the client
 * gets, quoting the request's id when given. `route` (`METHOD /path/:param`) names what an invalid
 * body was for in the title.
 */
export function toProblem(error: unknown, requestId?: string, route?: string): ProblemResponse {
  const answer = problemOf(error);
  if (requestId !== undefined) answer.problem.requestId = requestId;
  if (route !== undefined) answer.problem.title = problemTitle(answer.problem.code, route) ?? answer.problem.title;
  return answer;
}

function problemOf(error: unknown): ProblemResponse {
  if (isDomainError(error)) {
    const status = STATUS_BY_KIND[error.kind];
    const retry = error.details.retryAfterSeconds;
    return {
      problem: problem(status, error.code, error.details.publicDetail ?? error.message, error.details.errors),
      headers: retry !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(retry))) } : {},
      unexpected: false,
    };
  }
  // Nest wraps Fastify's own request errors (content type, body size, JSON syntax, prototype
  // poisoning) in HttpExceptions with their status and Fastify's safe message.
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = status === 404 ? 'NOT_FOUND' : (HttpStatus[status] ?? 'HTTP_ERROR');
    const detail = status === 404 && UNKNOWN_ROUTE.test(error.message) ? 'There is no such resource' : error.message;
    return { problem: problem(status, code, detail), headers: {}, unexpected: status >= 500 };
  }
  const routing = ROUTER_ERRORS[(error as { code?: string })?.code ?? ''];
  if (routing) return { problem: problem(routing.status, routing.code, routing.detail), headers: {}, unexpected: false };
  const clientStatus = clientErrorStatusOf(error);
  if (clientStatus !== null) {
    const detail = CLIENT_ERROR_DETAILS[clientStatus] ?? `The request was refused (${titleOf(clientStatus)})`;
    return { problem: problem(clientStatus, codeOfStatus(clientStatus), detail), headers: {}, unexpected: false };
  }
  return {
    problem: problem(500, 'INTERNAL_ERROR', 'An unexpected error occurred. It has been logged.'),
    headers: {},
    unexpected: true,
  };
}
