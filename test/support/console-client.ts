export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A small console API client over real HTTP (fetch), for tests that run Latchkey as a child
 * process and for benchmarks.
 */
export class ConsoleClient {
  constructor(
    readonly baseUrl: string,
    public token: string | null = null,
  ) {}

  /** Calls the API and throws unless it answers 2xx. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.send<T>(method, path, body);
    if (answer.status >= 400) throw new Error(`${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Calls the API and answers whatever it answered. */
  async send<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async signup(email: string, organizationName: string): Promise<void> {
    const answer = await this.call<{ session: { token: string } }>('POST', '/console/v1/signup', {
      email,
      password: 'Correct-Horse-Battery-42',
      name: 'Bench Admin',
      organizationName,
    });
    this.token = answer.session.token;
  }

  createApp(name: string, grantTypes: string[]) {
    return this.call<{ id: string; clients: { production: { clientId: string; clientSecret: string } } }>('POST', '/console/v1/apps', {
      name,
      scopes: ['ReadAccounts'],
      grantTypes,
      environments: ['production'],
    });
  }

  createCredential(label: string, allowedApps: { type: 'organization' } | { type: 'specific'; clientIds: string[] } = { type: 'organization' }) {
    return this.call<{ credential: { id: string }; jwt: string }>('POST', '/console/v1/credentials', {
      label,
      environment: 'production',
      expiresAt: null,
      allowedApps,
    });
  }

  /** Follows `nextCursor` through every page of a list. */
  async listAll<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await this.call(
        'GET',
        `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

/** Requests a token with the jwt-bearer grant and Basic client authentication. */
export async function requestToken(
  baseUrl: string,
  client: { clientId: string; clientSecret: string },
  assertion: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/restapi/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
