/** A minimal console API client for benchmarks: only what they need to set an organization up. */
export class ConsoleClient {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async signup(email: string, organizationName: string): Promise<void> {
    const answer = await this.call<{ session: { token: string } }>('POST', '/console/v1/signup', {
      email,
      password: 'correct horse battery staple 42',
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

  createCredential(label: string) {
    return this.call<{ credential: { id: string }; jwt: string }>('POST', '/console/v1/credentials', {
      label,
      environment: 'production',
      expiresAt: null,
      allowedApps: { type: 'organization' },
    });
  }
}
