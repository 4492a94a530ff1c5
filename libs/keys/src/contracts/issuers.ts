import { type Environment } from '@latchkey/building-blocks';

/**
 * Where each environment lives: production at PUBLIC_URL, sandbox at PUBLIC_URL/sandbox. The issuer
 * names what each environment signs; the token endpoint URL is the audience of its credentials.
 */
export class EnvironmentIssuers {
  private readonly issuers: Record<Environment, string>;

  constructor(publicUrl: string) {
    const base = publicUrl.replace(/\/+$/, '');
    this.issuers = { production: base, sandbox: `${base}/sandbox` };
  }

  issuer(environment: Environment): string {
    return this.issuers[environment];
  }

  tokenEndpoint(environment: Environment): string {
    return `${this.issuers[environment]}/restapi/oauth/token`;
  }
}
