// Loads something from the API for a component, and reloads it when asked or when `keys` change.
import { useCallback, useEffect, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

export function useLoad<T>(load: () => Promise<T>, keys: unknown[] = []): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (value) => current && (setData(value), setError(undefined), setLoading(false)),
      (failure: Error) => current && (setError(failure), setLoading(false)),
    );
    return () => void (current = false);
  }, [...keys, round]);
  // Loading at once, in the same render as whatever asked for the reload, so that no one acts on
  // the old data in between.
  const reload = useCallback(() => {
    setLoading(true);
    setRound((n) => n + 1);
  }, []);
  return { data, error, loading, reload };
}

/**
 * Reads `state` again `millis` after each answer, while `millis` is given (a job to follow, a link
 * about to expire); the timer goes with the component, so that leaving the page stops it.
 */
export function useReloadAfter(state: Loaded<unknown>, millis: number | undefined): void {
  useEffect(() => {
    if (millis === undefined) return;
    const timer = setTimeout(state.reload, millis);
    return () => clearTimeout(timer);
  }, [state.data, state.error, millis]);
}
