// What every route gets: the injected dependencies and the per-request context.
import type { Clock } from '../domain/clock';
import type { Consortium } from '../domain/consortium';
import type { Store } from '../store';

export interface AppDeps {
  store: Store;
  clock: Clock;
  newId: () => string;
}

/** Who is acting. Until authentication lands every request acts as `anonymous`. */
export interface Actor {
  personId: string;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor;
    consortium: Consortium;
  };
}
