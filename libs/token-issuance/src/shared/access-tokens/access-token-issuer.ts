import { randomUUID, sign, type SignKeyObjectInput } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EnvironmentIssuers, KeyRing, type SigningKey } from '@latchkey/keys';
import { type Environment } from '@latchkey/building-blocks';
import { TurnBatch } from '../turn-batch';

export interface AccessTokenRequest {
  environment: Environment;
  /** The owner's user id in the environment. */
  subject: string;
  clientId: string;
  scope: string;
  sessionId: string;
  credentialId: string;
  /** Epoch seconds. */
  issuedAt: number;
  ttlSeconds: number;
}

/** The audience of access tokens: the environment's resource API. */
export const resourceAudience = (issuer: string): string => `${issuer}/restapi`;

/** What signing with one key needs that never changes: its encoded protected header and the key argument of `sign`. */
interface PreparedKey {
  header: string;
  signWith: SignKeyObjectInput;
}

interface Unsigned {
  signingInput: string;
  signWith: SignKeyObjectInput;
}

/**
 * Access tokens are RFC 9068 JWTs (`typ: at+jwt`), ES256-signed with the environment's active
 * access-token key, carrying the session (`sid`) and credential (`cid`) they depend on so every
 * use can check both.
 *
 * Signed with node:crypto directly (a compact JWS, as `signJwt` makes it): the protected header of
 * each key is encoded once, so a token costs one small JSON payload, its base64url and the ECDSA
 * signature. The active key is asked of the ring on every call, so a rotation applies at once.
 * The signatures asked for in one turn of the event loop are made together (TurnBatch).
 */
@Injectable()
export class AccessTokenIssuer {
  /** By key object: the ring makes new ones when it is rotated or reloaded. */
  private readonly prepared = new WeakMap<SigningKey, PreparedKey>();
  private readonly signatures = new TurnBatch(signed);

  constructor(
    @Inject(KeyRing) private readonly keys: Pick<KeyRing, 'activeKey'>,
    @Inject(EnvironmentIssuers) private readonly issuers: Pick<EnvironmentIssuers, 'issuer'>,
  ) {}

  issue(request: AccessTokenRequest): Promise<string> {
    const issuer = this.issuers.issuer(request.environment);
    const key = this.keys.activeKey(request.environment, 'access_token');
    const { header, signWith } = this.prepared.get(key) ?? this.prepare(key);
    // The claims as JSON.stringify writes this object (the same keys in the same order), each value
    // escaped by JSON.stringify: about a third of the cost of stringifying the object.
    const payload = base64url(
      `{"iss":${json(issuer)},"sub":${json(request.subject)},"aud":${json(resourceAudience(issuer))},"client_id":${json(request.clientId)},` +
        `"scope":${json(request.scope)},"jti":${json(randomUUID())},"iat":${json(request.issuedAt)},"exp":${json(request.issuedAt + request.ttlSeconds)},` +
        `"sid":${json(request.sessionId)},"cid":${json(request.credentialId)}}`,
    );
    return this.signatures.run({ signingInput: `${header}.${payload}`, signWith });
  }

  private prepare(key: SigningKey): PreparedKey {
    const prepared: PreparedKey = {
      header: base64url(JSON.stringify({ alg: key.alg, typ: 'at+jwt', kid: key.kid })),
      signWith: { key: key.privateKey, dsaEncoding: 'ieee-p1363' },
    };
    this.prepared.set(key, prepared);
    return prepared;
  }
}

function signed({ signingInput, signWith }: Unsigned): string {
  // Both parts are base64url, so the latin1 bytes are the ASCII ones.
  const signature = sign('sha256', Buffer.from(signingInput, 'latin1'), signWith);
  return `${signingInput}.${signature.toString('base64url')}`;
}

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const json = (value: string | number): string => JSON.stringify(value);
