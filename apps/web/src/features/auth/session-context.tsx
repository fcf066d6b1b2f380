import type { SessionUser } from '@openthings/domain';
import { createContext, type ReactNode, useContext } from 'react';

const SessionContext = createContext<SessionUser | null>(null);

/** Given by the signed-in layout once it knows who is signed in. */
export function SessionProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

/** The signed-in user, for anything rendered inside the signed-in layout. */
export function useSessionUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useSessionUser is used outside the signed-in layout');
  return user;
}
