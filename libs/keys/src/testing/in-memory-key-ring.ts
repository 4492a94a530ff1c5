import { ENVIRONMENTS, type Environment } from '@latchkey/building-blocks';
import { fold } from '@latchkey/event-store';
import { type KeyPurpose, SIGNING_PURPOSES } from '../contracts/keys.contracts';
import { MasterKey } from '../contracts/master-key';
import { type KeyRingCommand, keyRingDecider } from '../domain/key-ring/key-ring.decider';
import type { KeyRingEvent } from '../domain/key-ring/key-ring.events';
import { KeyRing } from '../key-ring/key-ring';
import { newMacKey, newSigningKey } from '../shared/key-material/new-keys';
import { openKeyRing } from '../shared/key-material/open-keys';

/** A key ring of fresh keys in memory, run through the real decider, with rotation and retirement for tests. */
export class InMemoryKeyRing extends KeyRing {
  private readonly master = MasterKey.generate();
  private events: KeyRingEvent[] = [];

  constructor() {
    super();
    const candidates = [...ENVIRONMENTS.flatMap((e) => SIGNING_PURPOSES.map((p) => newSigningKey(this.master, e, p))), newMacKey(this.master)];
    this.apply({ type: 'EnsureKeys', candidates, at: new Date().toISOString() });
  }

  /** New active keys for each pair; answers their kids. */
  rotate(environments: readonly Environment[] = ENVIRONMENTS, purposes: readonly KeyPurpose[] = SIGNING_PURPOSES): string[] {
    const keys = environments.flatMap((e) => purposes.map((p) => newSigningKey(this.master, e, p)));
    this.apply({ type: 'RotateKeys', keys, at: new Date().toISOString() });
    return keys.map((k) => k.kid);
  }

  retire(kid: string): void {
    this.apply({ type: 'RetireKey', kid, at: new Date().toISOString() });
  }

  private apply(command: KeyRingCommand): void {
    const state = fold(keyRingDecider, this.events);
    this.events = [...this.events, ...keyRingDecider.decide(command, state)];
    this.install(openKeyRing(fold(keyRingDecider, this.events), this.master, this.openedKeys()));
  }
}
