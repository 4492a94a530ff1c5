import { type Context, defaultTextMapGetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { FastifyRequest } from 'fastify';
import { type SpanAttributes, type SpanOptions, Tracing } from '@latchkey/building-blocks';
import type { RequestTrace } from '../http/request-observation';
import { keepRequestScopeOn, requestScope } from './request-scope';

/**
 * Tracing with OpenTelemetry, exported in OTLP/HTTP (JSON) to `<endpoint>/v1/traces`. This module
 * is loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is set (`import()` in `createApp`).
 *
 * Nothing is registered globally (no global tracer provider, context manager or propagator): the
 * current span travels in the application's own request scope, the same AsyncLocalStorage that
 * carries a request's logger, and `traceparent` is read by a W3C propagator of its own. Several
 * applications in one process (tests) do not see each other's spans.
 */
export class OpenTelemetryTracing extends Tracing {
  readonly enabled = true;
  private readonly provider: NodeTracerProvider;
  private readonly tracer: Tracer;
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(endpoint: string) {
    super();
    const exporter = new OTLPTraceExporter({ url: `${endpoint}/v1/traces` });
    this.provider = new NodeTracerProvider({
      resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME || 'latchkey' })),
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    this.tracer = this.provider.getTracer('latchkey');
    keepRequestScopeOn();
  }

  inSpan<T>(name: string, attributes: SpanAttributes, work: () => T, options: SpanOptions = {}): T {
    const scope = requestScope.getStore();
    const parent = options.root ? ROOT_CONTEXT : ((scope?.trace as Context | undefined) ?? ROOT_CONTEXT);
    const span = this.tracer.startSpan(name, { attributes, root: options.root === true }, parent);
    return requestScope.run({ logger: scope?.logger ?? null, trace: trace.setSpan(parent, span) }, () => {
      let result: T;
      try {
        result = work();
      } catch (error) {
        endFailed(span, error);
        throw error;
      }
      if (result instanceof Promise) {
        return result.then(
          (value: unknown) => {
            span.end();
            return value;
          },
          (error: unknown) => {
            endFailed(span, error);
            throw error;
          },
        ) as T;
      }
      span.end();
      return result;
    });
  }

  /** The server span of an HTTP request: a child of the caller's span when `traceparent` names one. */
  traceRequest = (request: FastifyRequest): RequestTrace => {
    const parent = this.propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
    const route = request.routeOptions.url;
    const span = this.tracer.startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, ...(route ? { [ATTR_HTTP_ROUTE]: route } : {}), 'latchkey.request_id': request.id },
      },
      parent,
    );
    return {
      context: trace.setSpan(parent, span),
      end: (statusCode, aborted) => {
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, statusCode);
        if (statusCode >= 500 || aborted) span.setStatus({ code: SpanStatusCode.ERROR, ...(aborted ? { message: 'aborted by the client' } : {}) });
        span.end();
      },
    };
  };

  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

function endFailed(span: Span, error: unknown): void {
  // The error's class only: messages can carry input.
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
  span.end();
}
