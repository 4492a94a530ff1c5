import { ENVIRONMENTS, type Environment } from '@latchkey/building-blocks';
import type { EventStore } from '@latchkey/event-store';
import type { KeyDescription, KeyPurpose, KeyRingPurpose } from '../contracts/keys.contracts';
import { SIGNING_PURPOSES } from '../contracts/keys.contracts';
import { type MasterKey, MasterKeyError } from '../contracts/master-key';
import { KeyRingRepository, type LoadedKeyRing } from '../commands/key-ring-repository';
import type { KeyRingEvent } from '../domain/key-ring/key-ring.events';
import { newMacKey, newSigningKey } from '../shared/key-material/new-keys';
import { describeKey, mismatchMessage, openKeyRing } from '../shared/key-material/open-keys';
import { seal, unseal } from '../shared/sealing/sealed-secret';

/** The store holds no key ring: no server has started on it yet. */
export class KeyRingMissingError extends Error {
  override readonly name = 'KeyRingMissingError';
}

/** One event of the key ring, as the history shows it: what happened to which key, never its material. */
export interface KeyRingHistoryEntry {
  position: number;
  revision: number;
  type: KeyRingEvent['type'];
  at: string;
  kid: string | null;
  purpose: KeyRingPurpose | null;
  environment: Environment | null;
  /** KeyActivated: the key it replaced. KeyRingResealed: the former master key's id. KeyCreated: generated or imported. */
  detail: string | null;
  /** Who appended it: `server-start` or `latchkey-cli`. */
  origin: string | null;
}

export interface RotateOptions {
  environments?: readonly Environment[];
  /** Default: both signing purposes. `refresh-token-mac` rotates the MAC key (it has no environment). */
  purposes?: readonly KeyRingPurpose[];
}

/** What the operator's command does to the key ring in the store (any machine that reaches the store). */
export class KeyRingOperations {
  private readonly repository: KeyRingRepository;

  constructor(
    store: EventStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new KeyRingRepository(store, 'latchkey-cli');
  }

  async list(): Promise<KeyDescription[]> {
    return (await this.existing()).state.keys.map(describeKey);
  }

  async history(): Promise<KeyRingHistoryEntry[]> {
    const { events } = await this.existing();
    return events.map((recorded) => {
      const event = recorded as unknown as KeyRingEvent & { position: number; revision: number; createdAt: string; metadata: { origin?: unknown } };
      const origin = typeof event.metadata.origin === 'string' ? event.metadata.origin : null;
      const base = { position: recorded.position, revision: recorded.revision, type: event.type, at: recorded.createdAt, origin };
      switch (event.type) {
        case 'KeyCreated':
          return { ...base, kid: event.data.kid, purpose: event.data.purpose, environment: event.data.environment, detail: event.data.origin };
        case 'KeyActivated':
          return { ...base, kid: event.data.kid, purpose: event.data.purpose, environment: event.data.environment, detail: event.data.previousKid };
        case 'KeyRetired':
          return { ...base, kid: event.data.kid, purpose: event.data.purpose, environment: event.data.environment, detail: null };
        case 'KeyRingResealed':
          return { ...base, kid: null, purpose: null, environment: null, detail: `${event.data.previousMasterKeyId} -> ${event.data.masterKeyId}` };
      }
    });
  }

  /** Checks that `master` opens every unretired key of the ring (a MasterKeyError if not); answers the ring's master key id. */
  async assertOpens(master: MasterKey): Promise<string | null> {
    const { state } = await this.existing();
    openKeyRing(state, master);
    return state.masterKeyId;
  }

  /** New active keys (sealed under `master`, which must open the ring); answers them. */
  async rotate(master: MasterKey, options: RotateOptions = {}): Promise<KeyDescription[]> {
    const { state } = await this.existing();
    openKeyRing(state, master);
    const purposes = options.purposes ?? SIGNING_PURPOSES;
    const keys = purposes.flatMap((purpose) =>
      purpose === 'refresh-token-mac'
        ? [newMacKey(master)]
        : (options.environments ?? ENVIRONMENTS).map((environment) => newSigningKey(master, environment, purpose as KeyPurpose)),
    );
    const result = await this.repository.execute({ type: 'RotateKeys', keys, at: this.now().toISOString() });
    const kids = new Set(keys.map((k) => k.kid));
    return result.state.keys.filter((k) => kids.has(k.kid)).map(describeKey);
  }

  async retire(kid: string): Promise<KeyDescription> {
    await this.existing();
    const result = await this.repository.execute({ type: 'RetireKey', kid, at: this.now().toISOString() });
    return describeKey(result.state.keys.find((k) => k.kid === kid)!);
  }

  /** Seals every key again under `next`; afterwards `current` opens nothing the ring serves. */
  async rotateMaster(current: MasterKey, next: MasterKey): Promise<{ keys: number; masterKeyId: string }> {
    const { state } = await this.existing();
    if (state.masterKeyId !== current.id) throw new MasterKeyError(mismatchMessage(state.masterKeyId!, current));
    const keys = state.keys.map((key) => {
      let secret: Buffer;
      try {
        secret = unseal(current, key, key.sealed);
      } catch (error) {
        throw new MasterKeyError(`MASTER_KEY does not open the key ring: ${(error as Error).message}`);
      }
      return { kid: key.kid, sealed: seal(next, key, secret) };
    });
    await this.repository.execute({ type: 'ResealKeyRing', masterKeyId: next.id, keys, at: this.now().toISOString() });
    return { keys: keys.length, masterKeyId: next.id };
  }

  private async existing(): Promise<LoadedKeyRing> {
    const loaded = await this.repository.load();
    if (loaded.revision === null) throw new KeyRingMissingError('The store holds no key ring yet: it is made when the server first starts on it');
    return loaded;
  }
}
