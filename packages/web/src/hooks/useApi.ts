import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../api/client';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` when it changes (memoise it with useCallback) and on reload(); cancels the request
 * in flight when a newer one starts, and keeps the last data while reloading so tables do not flash.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal).then(
      (value) => {
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (reason: unknown) => {
        if (isAbort(reason)) return;
        setError(reason);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [load, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
