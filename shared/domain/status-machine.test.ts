import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidTransitionError } from './errors';
import { defineStatusMachine } from './status-machine';

type Light = 'red' | 'green' | 'yellow' | 'broken';

const LIGHTS: readonly Light[] = ['red', 'green', 'yellow', 'broken'];
const NEXT: Record<Light, readonly Light[]> = {
  red: ['green', 'broken'],
  green: ['yellow'],
  yellow: ['red'],
  broken: [],
};

const machine = () => defineStatusMachine<Light>('traffic light', NEXT);

describe('defineStatusMachine', () => {
  it('keeps the entity name it was given', () => {
    const lights = machine();

    expect(lights.entity).toBe('traffic light');
  });

  it('allows exactly the pairs listed in its table', () => {
    const lights = machine();

    for (const from of LIGHTS) {
      for (const to of LIGHTS) {
        expect(lights.canMove(from, to), `${from} -> ${to}`).toBe(NEXT[from].includes(to));
      }
    }
  });

  it('does not allow staying in the same status unless the table lists it', () => {
    const lights = machine();

    expect(LIGHTS.filter((status) => lights.canMove(status, status))).toEqual([]);
  });

  it('returns the target status of an allowed move', () => {
    const lights = machine();

    const moved = lights.move('red', 'green');

    expect(moved).toBe('green');
  });

  it('throws an InvalidTransitionError, a kind of ConflictError, for a forbidden move', () => {
    const lights = machine();

    const attempt = () => lights.move('green', 'red');

    expect(attempt).toThrow(InvalidTransitionError);
    expect(attempt).toThrow(ConflictError);
  });

  it('names the entity, both statuses and the allowed ones in the error message', () => {
    const lights = machine();

    const attempt = () => lights.move('red', 'yellow');

    expect(attempt).toThrow('A traffic light cannot move from red to yellow (allowed from red: green, broken)');
  });

  it('says that nothing is allowed from a terminal status', () => {
    const lights = machine();

    const attempt = () => lights.move('broken', 'red');

    expect(attempt).toThrow('A traffic light cannot move from broken to red (allowed from broken: none)');
  });

  it('gives the error the invalid_transition code that the API maps to 409', () => {
    const lights = machine();

    let caught: unknown;
    try {
      lights.move('yellow', 'green');
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(InvalidTransitionError);
    expect((caught as InvalidTransitionError).code).toBe('invalid_transition');
    expect((caught as InvalidTransitionError).name).toBe('InvalidTransitionError');
  });
});
