import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { Clock, ENVIRONMENTS } from '@latchkey/building-blocks';
import { DeciderExecutor } from '@latchkey/event-store';
import { RevokeLeakedApiTokenCommand } from '@latchkey/identity';
import { EnvironmentIssuers, KeyRing } from '@latchkey/keys';
import { CREDENTIAL_JWT_TYPE } from '../../contracts';
import { credentialDecider } from '../../domain/credential/credential.decider';
import { credentialStream } from '../../domain/credential/credential.events';

export const LEAKED_REASON = 'leaked';
/** Reported strings waiting for verification; beyond this, new reports are dropped (and logged), never the process's memory. */
const MAX_QUEUED = 10_000;
/** Console API tokens (`lkc_…`) reported with credentials are revoked too (their owner's identity decides). */
const API_TOKEN_PREFIX = 'lkc_';
const COMPACT_JWS = /^[A-Za-z0-9_-]{1,1000}\.[A-Za-z0-9_-]{1,6000}\.[A-Za-z0-9_-]{1,200}$/;

interface Report {
  token: string;
  address: string;
  correlationId: string;
}

/**
 * Verifies reported strings after the report was answered, one at a time, off the request path:
 * a string is a leaked credential when it is a JWT of type `credential+jwt` signed by a credential
 * key (current or previous) of either environment, for that environment's issuer and token
 * endpoint. Each such credential still active is revoked with reason `leaked`, by no one (actor
 * null), from the reporter's address. A console API token (`lkc_…`) is handed to identity, which
 * revokes it when it is genuine and active. Anything else is dropped without a trace.
 */
@Injectable()
export class LeakedCredentialRevoker implements OnApplicationShutdown {
  private readonly logger = new Logger('Credentials');
  private readonly queue: Report[] = [];
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly keys: KeyRing,
    private readonly issuers: EnvironmentIssuers,
    private readonly executor: DeciderExecutor,
    private readonly clock: Clock,
    private readonly commands: CommandBus,
  ) {}

  /** Queues the strings of one report; answers at once. */
  submit(tokens: readonly string[], address: string): void {
    const correlationId = randomUUID();
    const room = MAX_QUEUED - this.queue.length;
    if (tokens.length > room)
      this.logger.warn(`Leak reports are arriving faster than they are verified: ${tokens.length - Math.max(room, 0)} strings dropped`);
    for (const token of tokens.slice(0, Math.max(room, 0))) this.queue.push({ token: token.trim(), address, correlationId });
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  /** Resolves once every queued string has been handled (tests). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async drain(): Promise<void> {
    for (let report = this.queue.shift(); report && !this.stopping; report = this.queue.shift()) {
      try {
        if (report.token.startsWith(API_TOKEN_PREFIX)) {
          await this.commands.execute(new RevokeLeakedApiTokenCommand(report.token, report.address, report.correlationId));
          continue;
        }
        const credentialId = await this.credentialIdOf(report.token);
        if (credentialId) await this.revoke(credentialId, report);
      } catch (error) {
        this.logger.error({ err: error }, 'A reported credential could not be revoked');
      }
    }
  }

  private async credentialIdOf(token: string): Promise<string | null> {
    if (!COMPACT_JWS.test(token)) return null;
    let kid: unknown;
    try {
      kid = (JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as { kid?: unknown }).kid;
    } catch {
      return null;
    }
    if (typeof kid !== 'string') return null;
    for (const environment of ENVIRONMENTS) {
      const key = this.keys.verificationKey(environment, 'credential', kid);
      if (!key) continue;
      try {
        const { payload } = await jwtVerify(token, key.publicKey, {
          algorithms: ['ES256'],
          typ: CREDENTIAL_JWT_TYPE,
          issuer: this.issuers.issuer(environment),
          audience: this.issuers.tokenEndpoint(environment),
          requiredClaims: ['jti', 'sub', 'exp'],
          currentDate: this.clock.now(),
        });
        return typeof payload.jti === 'string' && payload.jti.length <= 200 ? payload.jti : null;
      } catch {
        return null;
      }
    }
    return null;
  }

  private async revoke(credentialId: string, report: Report): Promise<void> {
    await this.executor.execute(
      credentialDecider,
      credentialStream(credentialId),
      { type: 'RevokeCredential', reason: LEAKED_REASON, revocationReason: 'leaked', at: this.clock.now().toISOString(), skipIfNotActive: true },
      { metadata: { correlationId: report.correlationId, actor: null, address: report.address } },
    );
  }
}
