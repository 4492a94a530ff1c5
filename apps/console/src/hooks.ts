import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { get, pagePath, type ListPage } from './api';

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

export interface Action {
  busy: boolean;
  /** What the last run failed with (null while running and after a success). */
  error: unknown;
  setError(error: unknown): void;
  /** Runs `action`, busy meanwhile; what it throws becomes `error` and is not rethrown. */
  run(action: () => Promise<void>): Promise<void>;
}

/** Something the user starts with a button or a form: whether it is running, and why it failed. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

export interface PagedList<T> {
  /** The entries loaded so far for the current path; undefined until its first page arrives. */
  items: T[] | undefined;
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore(): Promise<void>;
  reload(): Promise<void>;
}

interface LoadedPages<T> {
  path: string;
  items: T[];
  nextCursor: string | null;
}

/**
 * A list read page by page ("Load more"), following `nextCursor`. A new path (other filters)
 * starts over, and what was loaded for the previous path is never shown as if it were its answer.
 */
export function usePagedList<T>(path: string, limit = 50): PagedList<T> {
  const [loaded, setLoaded] = useState<LoadedPages<T> | null>(null);
  const [failure, setFailure] = useState<{ path: string; error: unknown } | null>(null);
  const [pending, setPending] = useState<'first' | 'more' | null>(null);
  const controller = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    async (cursor: string | null) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setPending(cursor ? 'more' : 'first');
      setFailure(null);
      try {
        const page = await get<ListPage<T>>(pagePath(path, limit, cursor), current.signal);
        if (current.signal.aborted) return;
        setLoaded((previous) => ({
          path,
          items: cursor && previous?.path === path ? [...previous.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
        }));
      } catch (error) {
        if (!current.signal.aborted) setFailure({ path, error });
      } finally {
        if (!current.signal.aborted) setPending(null);
      }
    },
    [path, limit],
  );

  useEffect(() => {
    void fetchPage(null);
    return () => controller.current?.abort();
  }, [fetchPage]);

  const current = loaded?.path === path ? loaded : null;
  const error = failure?.path === path ? failure.error : null;
  return {
    items: current?.items,
    hasMore: Boolean(current?.nextCursor),
    loading: pending === 'first' || (!current && !error),
    loadingMore: pending === 'more',
    error,
    loadMore: () => (current?.nextCursor ? fetchPage(current.nextCursor) : Promise.resolve()),
    reload: () => fetchPage(null),
  };
}

/** The values of a form's text fields, and the value/onInput pair that binds each to its TextField. */
export function useFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState(initial);
  const field = (key: keyof T) => ({ value: values[key], onInput: (value: string) => setValues((current) => ({ ...current, [key]: value })) });
  return { values, field };
}
