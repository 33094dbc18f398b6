// One small helper behind every entity's status machine: a table of allowed next statuses.
import { InvalidTransitionError } from './errors';

export interface StatusMachine<S extends string> {
  readonly entity: string;
  canMove(from: S, to: S): boolean;
  /** Returns `to`, or throws InvalidTransitionError naming both statuses. */
  move(from: S, to: S): S;
}

export function defineStatusMachine<S extends string>(
  entity: string,
  next: Record<S, readonly S[]>,
): StatusMachine<S> {
  const canMove = (from: S, to: S) => next[from].includes(to);
  return {
    entity,
    canMove,
    move(from, to) {
      if (!canMove(from, to)) {
        const allowed = next[from].length > 0 ? next[from].join(', ') : 'none';
        throw new InvalidTransitionError(
          `A ${entity} cannot move from ${from} to ${to} (allowed from ${from}: ${allowed})`,
        );
      }
      return to;
    },
  };
}
