/** One form-encoded request to the Auth API, as the endpoints see it (no Fastify types). */
export interface AuthApiRequest {
  /** The parsed form body: each parameter once. */
  params: ReadonlyMap<string, string>;
  /** The Authorization header, when sent. */
  authorization?: string;
  /** The client's address, for throttling. */
  address: string;
  /** Carried into event metadata. */
  correlationId: string;
}
