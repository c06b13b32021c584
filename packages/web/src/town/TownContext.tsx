import type { Town } from '@gongyi/domain';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { listTowns } from '../api/organisation';
import { useApi } from '../hooks/useApi';

// The console works on one town at a time: the one chosen last (kept in localStorage), else the first.

const STORAGE_KEY = 'gongyi.townId';

export interface TownState {
  towns: Town[];
  town: Town | undefined;
  selectTown: (id: string) => void;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

const TownContext = createContext<TownState | undefined>(undefined);

export function useTownState(): TownState {
  const state = useContext(TownContext);
  if (!state) throw new Error('useTownState outside TownProvider');
  return state;
}

/** The current town, for pages rendered inside TownGate (which waits until there is one). */
export function useTown(): Town {
  const { town } = useTownState();
  if (!town) throw new Error('useTown outside TownGate');
  return town;
}

function storedTownId(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function TownProvider({ children }: { children: ReactNode }) {
  const load = useCallback((signal: AbortSignal) => listTowns(signal), []);
  const { data, error, loading, reload } = useApi(load);
  const [chosenId, setChosenId] = useState(storedTownId);

  const selectTown = useCallback((id: string) => {
    setChosenId(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // Storage disabled: the choice lasts for this page only.
    }
  }, []);

  const value = useMemo<TownState>(() => {
    const towns = data?.items ?? [];
    const town = towns.find((x) => x.id === chosenId) ?? towns[0];
    return { towns, town, selectTown, loading, error, reload };
  }, [data, chosenId, selectTown, loading, error, reload]);

  return <TownContext.Provider value={value}>{children}</TownContext.Provider>;
}
