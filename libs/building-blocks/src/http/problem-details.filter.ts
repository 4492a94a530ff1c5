import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toProblem } from './problem';

/** Answers every error thrown by a Nest handler, guard or pipe as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    sendProblem(host.switchToHttp().getResponse<FastifyReply>(), error, this.logger);
  }
}

export function sendProblem(reply: FastifyReply, error: unknown, logger: Pick<Logger, 'error'> = new Logger('HTTP')): void {
  const requestId = reply.request?.id;
  const { problem, headers, unexpected } = toProblem(error, requestId, routeOf(reply));
  if (unexpected) logger.error({ err: error, reqId: requestId }, 'Unexpected error while serving a request');
  if (reply.sent) return;
  void reply.code(problem.status).headers(headers).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
}

/** The route a request matched, as `METHOD /path/:param`, or undefined when none did. */
function routeOf(reply: FastifyReply): string | undefined {
  const url = reply.request?.routeOptions?.url;
  return url ? `${reply.request.method} ${url}` : undefined;
}
