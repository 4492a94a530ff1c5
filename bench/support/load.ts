import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  /** Requests answered in the run. */
  requests: number;
  p50: number;
  p99: number;
  /** 99.9th percentile latency (ms). */
  p999: number;
  non2xx: number;
  errors: number;
}

/** Drives `url` with autocannon from this process (pin it to another core than the server). */
export async function drive(
  url: string,
  options: { connections: number; durationSeconds: number; body: string; headers: Record<string, string> },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: options.connections,
    duration: options.durationSeconds,
    headers: options.headers,
    body: options.body,
  });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p999: result.latency.p99_9,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
