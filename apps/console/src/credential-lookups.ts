import { useEffect, useRef, useState } from 'preact/hooks';
import { encode, get, isApiError, type Credential, type CredentialStatus } from './api';

/** What looking a credential up by its id told: its label and owner, that it is deleted, or nothing (the lookup failed). */
export type CredentialLookup =
  { state: 'found'; label: string; ownerId: string; status: CredentialStatus } | { state: 'deleted' } | { state: 'failed' };

/** Lookups running at the same time, at most. */
const PARALLEL = 4;

async function lookUp(id: string, signal: AbortSignal): Promise<CredentialLookup> {
  try {
    const credential = await get<Credential>(`/credentials/${encode(id)}`, signal);
    return { state: 'found', label: credential.label, ownerId: credential.ownerId, status: credential.status };
  } catch (error) {
    // Its history outlives it: a credential of the log that is not found was deleted.
    return isApiError(error) && error.status === 404 ? { state: 'deleted' } : { state: 'failed' };
  }
}

/**
 * Looks up each of the credentials `ids` names, once for as long as the page is open, a few at a
 * time; ids no longer asked for are not looked up unless asked for again. The answers arrive one
 * by one: an id without one yet is not in the map.
 */
export function useCredentialLookups(ids: readonly string[]): ReadonlyMap<string, CredentialLookup> {
  const results = useRef(new Map<string, CredentialLookup>()).current;
  const running = useRef(new Set<string>()).current;
  const wanted = useRef<readonly string[]>([]);
  const controller = useRef<AbortController | null>(null);
  const [, setAnswered] = useState(0);

  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    return () => current.abort();
  }, []);

  const next = () => wanted.current.find((id) => !results.has(id) && !running.has(id));

  const startLookups = () => {
    const signal = controller.current?.signal;
    if (!signal || signal.aborted) return;
    for (let id = next(); id !== undefined && running.size < PARALLEL; id = next()) {
      const looked = id;
      running.add(looked);
      void lookUp(looked, signal).then((result) => {
        running.delete(looked);
        if (signal.aborted) return;
        results.set(looked, result);
        setAnswered((count) => count + 1);
        startLookups();
      });
    }
  };

  const key = ids.join('\n');
  useEffect(() => {
    wanted.current = [...new Set(ids)];
    startLookups();
  }, [key]);

  return results;
}
