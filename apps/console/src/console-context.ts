import { createContext, useContext } from 'react';
import type { AdminApi } from './api/admin-api';
import type { Session } from './auth/session';

/** What every page reads: the admin API client and the login session. Apart from app.tsx, so pages need not import the app that imports them. */
export interface Console {
  api: AdminApi;
  session: Session;
}

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('outside the console');
  return value;
}
