// The fuzz property can fail: against an app whose one input schema is loosened (MemberCreate takes
// any object, in this test file only), it finds a request that breaks the contract.
import { z } from 'zod';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fuzzOperation } from './fuzz/property';
import { createWorld, operationsOf } from './fuzz/world';

vi.mock('../../shared/domain/member', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/domain/member')>();
  return { ...real, MemberCreate: z.looseObject({}).meta({ id: 'MemberCreate' }) };
});

const world = await createWorld();
afterAll(() => world.api.table.drop());

describe('the fuzz property against a deliberately broken validator', () => {
  it('fails on members.create, whose schema lets anything through', { timeout: 60_000 }, async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // the broken app's 500s log, as they should
    const operation = operationsOf(world.document).find((candidate) => candidate.operationId === 'members.create')!;
    const result = await fuzzOperation(world, operation, { runs: 20, seed: 20261123 });
    expect(result.failed).toBe(true);
    expect(String(result.errorInstance)).toMatch(/answered 5\d\d|does not match its schema/);
  });

  it('holds on members.list, which the broken schema does not touch', { timeout: 60_000 }, async () => {
    const operation = operationsOf(world.document).find((candidate) => candidate.operationId === 'members.list')!;
    const result = await fuzzOperation(world, operation, { runs: 10, seed: 20261123 });
    expect(result.failed, String(result.errorInstance)).toBe(false);
  });
});
