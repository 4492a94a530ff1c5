import { ENVIRONMENTS } from '@latchkey/building-blocks';
import type { EventStore } from '@latchkey/event-store';
import { SIGNING_PURPOSES } from '../contracts/keys.contracts';
import { type MasterKey, MasterKeyError } from '../contracts/master-key';
import { activeIn, type KeyRingState, slotOf } from '../domain/key-ring/key-ring.state';
import { newMacKey, newSigningKey } from '../shared/key-material/new-keys';
import { mismatchMessage, type OpenedKeyRing, openKeyRing } from '../shared/key-material/open-keys';
import { importCommand, type LegacyKeyFilePaths, readLegacyKeyFiles, removeLegacyFiles } from '../shared/legacy-files/legacy-key-files';
import { KeyRingRepository } from './key-ring-repository';

export interface KeyRingLog {
  log(message: string): void;
  warn(message: string): void;
}

export interface OpenedAtStart {
  ring: OpenedKeyRing;
  /** The store's head before the ring was read: following from here misses no change of the ring. */
  after: number | null;
  /** Revision of the ring's stream as opened. */
  revision: number | null;
}

/**
 * What a server does with the key ring when it starts: imports the key files of an earlier version
 * (once; then removes them), creates and activates a key for every empty slot (of two instances
 * starting at once, the expected revision lets one win; the other reads the winner's keys), and
 * opens the ring. A master key that does not open it fails before anything is written.
 */
export async function openKeyRingAtStart(
  store: EventStore,
  master: MasterKey,
  legacyPaths: LegacyKeyFilePaths | null,
  log: KeyRingLog,
  now: () => Date = () => new Date(),
): Promise<OpenedAtStart> {
  const repository = new KeyRingRepository(store, 'server-start');
  const after = await store.headPosition();
  let { state } = await repository.load();
  assertOpens(state, master);

  const legacy = legacyPaths ? readLegacyKeyFiles(legacyPaths) : null;
  if (legacy) {
    const imported = await repository.execute(importCommand(legacy, master, now().toISOString()));
    state = imported.state;
    removeLegacyFiles(legacy.files, log.warn);
    const count = imported.events.filter((e) => e.type === 'KeyCreated').length;
    log.log(`Imported ${count} key(s) from ${legacy.files.join(' and ')} into the key ring, keeping their kids; the plaintext files were removed`);
  }

  const candidates = [
    ...ENVIRONMENTS.flatMap((environment) => SIGNING_PURPOSES.map((purpose) => ({ environment, purpose }))),
    { environment: null, purpose: 'refresh-token-mac' as const },
  ]
    .filter((slot) => !activeIn(state, slotOf(slot)))
    .map((slot) => (slot.environment === null ? newMacKey(master) : newSigningKey(master, slot.environment, slot.purpose as 'credential')));
  if (candidates.length > 0) {
    const ensured = await repository.execute({ type: 'EnsureKeys', candidates, at: now().toISOString() });
    if (ensured.events.length > 0) log.log(`Created ${ensured.events.length / 2} key(s) in the key ring`);
  }

  const loaded = await repository.load();
  return { ring: openKeyRing(loaded.state, master), after, revision: loaded.revision };
}

function assertOpens(state: KeyRingState, master: MasterKey): void {
  if (state.masterKeyId !== null && state.masterKeyId !== master.id) throw new MasterKeyError(mismatchMessage(state.masterKeyId, master));
}
