/** Attributes of a span: few, bounded, and never a secret. */
export type SpanAttributes = Readonly<Record<string, string | number | boolean>>;

export interface SpanOptions {
  /** Start a trace of its own instead of joining the current one (work no request asked for). */
  root?: boolean;
}

/**
 * The port through which libraries trace their work (command handling, event-store appends,
 * projections). The application binds it to OpenTelemetry when `OTEL_EXPORTER_OTLP_ENDPOINT` is
 * set; otherwise `NO_TRACING` runs the work as it is.
 */
export abstract class Tracing {
  /** False when nothing is traced: callers may skip building names and attributes. */
  abstract readonly enabled: boolean;

  /**
   * Runs `work` in a span, a child of the current one (or the first of a trace), ended when `work`
   * returns or, for a promise, settles; a failure marks the span as an error.
   */
  abstract inSpan<T>(name: string, attributes: SpanAttributes, work: () => T, options?: SpanOptions): T;
}

class NoTracing extends Tracing {
  readonly enabled = false;

  inSpan<T>(_name: string, _attributes: SpanAttributes, work: () => T): T {
    return work();
  }
}

export const NO_TRACING: Tracing = new NoTracing();
