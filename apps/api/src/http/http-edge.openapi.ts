import type { OpenAPIObject } from '@nestjs/swagger';
import { BODY_DRAIN_LIMITS } from '@latchkey/building-blocks';

type Responses = Record<string, unknown>;
type Operation = { requestBody?: unknown; responses?: Responses };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * Adds what the HTTP edge answers on every route to an OpenAPI document: `408` for a request whose
 * headers and body did not arrive within REQUEST_TIMEOUT_MS (any route; written below the routes,
 * so always problem+json), and `413` for a console body over its limit. The Auth and Platform APIs
 * describe their own `413` in their own shape.
 */
export function describeHttpEdge(document: OpenAPIObject, settings: { consoleBodyLimitBytes: number }): OpenAPIObject {
  const problem = { $ref: '#/components/schemas/ProblemSchema' };
  document.components ??= {};
  document.components.responses = {
    ...document.components.responses,
    RequestTimeout: {
      description:
        '`REQUEST_TIMEOUT`: the request’s headers and body did not all arrive within `REQUEST_TIMEOUT_MS` (default 15 s). ' +
        'Answered where no answer has begun on the connection, with `Connection: close`; the connection is closed.',
      content: { 'application/problem+json': { schema: problem } },
    },
    PayloadTooLarge: {
      description:
        `\`PAYLOAD_TOO_LARGE\`: the body is larger than ${settings.consoleBodyLimitBytes / 1024} KB. The answer is sent at once; ` +
        `the server then reads and discards the rest of the body (up to ${BODY_DRAIN_LIMITS.maxBytes / (1024 * 1024)} MiB, for at most ` +
        `${BODY_DRAIN_LIMITS.maxMs / 1000} s) so that a client still sending receives it; a body declared larger is not read and the connection is closed.`,
      content: { 'application/problem+json': { schema: problem } },
    },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      operation.responses ??= {};
      operation.responses['408'] ??= { $ref: '#/components/responses/RequestTimeout' };
      if (path.startsWith('/console/') && operation.requestBody) operation.responses['413'] ??= { $ref: '#/components/responses/PayloadTooLarge' };
    }
  }
  return document;
}
