// Fuzzing every operation of the OpenAPI document with random and hostile requests, as each role
// the policy does not flatly deny (coordinator, member, funder): a fixed seed and a few runs here; `npm run fuzz` runs more
// (FUZZ_RUNS, FUZZ_SEED). What must hold is in fuzz/property.ts.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fuzzOperation, responseChecker } from './fuzz/property';
import { callersOf, createWorld, operationsOf } from './fuzz/world';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

const world = await createWorld();
const operations = operationsOf(world.document);
const check = responseChecker(world);
afterAll(() => world.api.table.drop());

// Everything the app logs while it is fuzzed, to look for tokens in it.
const logged: string[] = [];
for (const method of ['log', 'info', 'warn', 'error'] as const) {
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
}

describe(`fuzzing every operation (${RUNS} runs each, seed ${SEED})`, () => {
  it('finds every operation of the document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(90);
  });

  const cases = operations.flatMap((operation) => callersOf(world, operation.operationId).map((caller) => [operation.operationId, caller.role, operation, caller.as] as const));

  it('fuzzes as members and as funders too', () => {
    expect(cases.filter(([, role]) => role === 'member').length).toBeGreaterThanOrEqual(40);
    expect(cases.filter(([, role]) => role === 'funder').length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)(
    '%s as %s answers a problem or a documented success, never a 5xx, and a refusal writes nothing',
    { timeout: Math.max(30_000, RUNS * 4_000) },
    async (_, _role, operation, as) => {
      const result = await fuzzOperation(world, operation, { runs: RUNS, seed: SEED }, check, as);
      expect(result.failed, result.failed ? `${String(result.errorInstance)}\n(counterexample path ${result.counterexamplePath}, seed ${SEED})` : '').toBe(false);
      expect(result.numRuns).toBe(RUNS);
    },
  );

  it('logged no bearer token and no share-link token', async () => {
    const secrets = [await world.api.tokenFor(world.callers.coordinator), await world.api.tokenFor(world.callers.member), world.shareToken];
    for (const line of logged) for (const secret of secrets) expect(line.includes(secret), line.slice(0, 200)).toBe(false);
    expect(logged.some((line) => /bearer\s+ey/i.test(line))).toBe(false);
  });
});
