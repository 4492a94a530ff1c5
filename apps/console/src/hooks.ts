import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
  set(data: T): void;
}

/** Loads data for a page; a newer load (or leaving the page) cancels an older one. */
export function useLoad<T>(loader: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const controller = useRef<AbortController | null>(null);
  const load = useCallback(loader, deps);

  const reload = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    try {
      const result = await load(current.signal);
      if (current.signal.aborted) return;
      setData(result);
      setError(null);
    } catch (e) {
      if (current.signal.aborted) return;
      setError(e);
    } finally {
      if (!current.signal.aborted) setLoading(false);
    }
  }, [load]);

  useEffect(() => {
    void reload();
    return () => controller.current?.abort();
  }, [reload]);

  return { data, error, loading, reload, set: setData };
}
