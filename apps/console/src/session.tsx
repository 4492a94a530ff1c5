import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { useRouter } from './router';
import { isApiError, markSignedIn, onUnauthorized, request, type Me } from './api';

type Status = 'anonymous' | 'loading' | 'ready' | 'error';

interface SessionValue {
  status: Status;
  me: Me | null;
  error: unknown;
  /** Shown on the login page, e.g. after the session ended elsewhere. */
  notice: string | null;
  /** After a sign-in answer: its cookie now carries the session. */
  signIn(): Promise<void>;
  /** Ends the session on the server and here, and opens the login page. */
  signOut(): Promise<void>;
  refreshMe(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { navigate } = useRouter();

  // The cookie cannot be read here: asking for /me is how the console learns whether it has a session.
  const refreshMe = useCallback(async () => {
    try {
      const current = await request<Me>('GET', '/me', { anonymous: true }).then((r) => r.data);
      markSignedIn(true);
      setMe(current);
      setError(null);
      setStatus('ready');
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        markSignedIn(false);
        setMe(null);
        setStatus('anonymous');
        return;
      }
      setError(e);
      setStatus('error');
    }
  }, []);

  useEffect(() => {
    onUnauthorized(() => {
      setMe(null);
      setStatus('anonymous');
      setNotice('Your session has ended. Log in again to continue.');
    });
    void refreshMe();
    return () => onUnauthorized(null);
  }, [refreshMe]);

  const value = useMemo<SessionValue>(
    () => ({
      status,
      me,
      error,
      notice,
      async signIn() {
        setNotice(null);
        setStatus('loading');
        await refreshMe();
      },
      async signOut() {
        try {
          await request('DELETE', '/sessions/current');
        } catch {
          // The console forgets the session either way; the server clears the cookie when it answers.
        }
        // In the same render as the status, so the console never sees a signed-out user on a
        // private page (which would send them to the login page with a `next` back to it).
        markSignedIn(false);
        setMe(null);
        setStatus('anonymous');
        setNotice('You have logged out.');
        navigate('/login', { replace: true });
      },
      refreshMe,
    }),
    [status, me, error, notice, refreshMe, navigate],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (pages behind the login only). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}

export const isDeveloper = (me: Me) => me.role === 'developer' || me.role === 'developer_admin';
export const isAdmin = (me: Me) => me.role === 'developer_admin';
