import type { Action, Session } from '@gongyi/domain';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { getSession, logout } from '../api/auth';
import { ApiError, connectSession, isAbort } from '../api/client';
import { markActivity } from './activity';

// The signed-in session for the whole console: loaded from /api/auth/session at start, replaced by
// what the server answers to sign-in, password and TOTP changes, and dropped on any 401.

export type SignOutReason = 'expired' | 'idle' | 'loggedOut';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; reason?: SignOutReason }
  | { status: 'signedIn'; session: Session }
  | { status: 'error'; error: unknown };

export interface SessionControls {
  state: SessionState;
  /** The server's new description of the session (after sign-in, password or TOTP changes). */
  setSession: (session: Session) => void;
  /** Ends the session on the server (if it is still there) and sends the user to the login page. */
  signOut: (reason: SignOutReason) => Promise<void>;
  /** Asks the server again; it also keeps an idle session alive. */
  refresh: () => Promise<Session>;
  /** Tries the first load again after a network failure. */
  retry: () => void;
}

const SessionContext = createContext<SessionControls | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const csrf = useRef<string | undefined>(undefined);

  const setSession = useCallback((session: Session) => {
    csrf.current = session.csrfToken;
    setState({ status: 'signedIn', session });
  }, []);

  const lose = useCallback((reason: SignOutReason | undefined) => {
    csrf.current = undefined;
    setState((prev) => (prev.status === 'signedOut' ? prev : { status: 'signedOut', reason }));
  }, []);

  useEffect(
    () =>
      connectSession({
        csrfToken: () => csrf.current,
        onSuccess: () => markActivity(),
        // A session that was working and is refused now has expired (or ended elsewhere).
        onUnauthorized: (error) =>
          setState((prev) => {
            if (prev.status === 'signedOut') return prev;
            csrf.current = undefined;
            const expired = prev.status === 'signedIn' || error.code === 'session_expired';
            return { status: 'signedOut', reason: expired ? 'expired' : undefined };
          }),
        renewCsrf: async () => {
          try {
            const session = await getSession();
            setSession(session);
            return session.csrfToken;
          } catch {
            return undefined;
          }
        },
      }),
    [setSession],
  );

  useEffect(() => {
    const controller = new AbortController();
    getSession(controller.signal).then(setSession, (error: unknown) => {
      if (isAbort(error)) return;
      if (error instanceof ApiError && error.status === 401) lose(error.code === 'session_expired' ? 'expired' : undefined);
      else setState({ status: 'error', error });
    });
    return () => controller.abort();
  }, [attempt, setSession, lose]);

  const signOut = useCallback(
    async (reason: SignOutReason) => {
      try {
        await logout();
      } catch {
        // Already gone on the server (expired, or ended in another tab): nothing left to end.
      }
      csrf.current = undefined;
      setState({ status: 'signedOut', reason });
    },
    [],
  );

  const refresh = useCallback(async () => {
    const session = await getSession();
    setSession(session);
    return session;
  }, [setSession]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<SessionControls>(
    () => ({ state, setSession, signOut, refresh, retry }),
    [state, setSession, signOut, refresh, retry],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionControls(): SessionControls {
  const controls = useContext(SessionContext);
  if (!controls) throw new Error('useSessionControls outside SessionProvider');
  return controls;
}

/** The signed-in session, for pages behind SessionGate. */
export function useSession(): Session {
  const { state } = useSessionControls();
  if (state.status !== 'signedIn') throw new Error('useSession outside SessionGate');
  return state.session;
}

/** The signed-in user's town: every /api/towns/:townId/… call uses its id. */
export function useTown(): Session['town'] {
  return useSession().town;
}

/** Whether the session's grants allow an action (the server decides again on every request). */
export function useCan(): (action: Action) => boolean {
  const { actions } = useSession();
  return useCallback((action: Action) => actions.includes(action), [actions]);
}
