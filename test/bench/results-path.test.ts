// A quick benchmark run never overwrites the committed figures of bench/results.json.
import { describe, expect, it } from 'vitest';
import { resultsPath } from '../../bench/lib/results';

describe('where the benchmark writes its results', () => {
  it('writes a full run into bench/results.json and a quick one into test-results/', () => {
    expect(resultsPath('/repo', { quick: false })).toBe('/repo/bench/results.json');
    expect(resultsPath('/repo', { quick: true })).toBe('/repo/test-results/bench-quick.json');
  });

  it('writes where --out says, quick or not', () => {
    expect(resultsPath('/repo', { quick: true, out: '/tmp/r.json' })).toBe('/tmp/r.json');
    expect(resultsPath('/repo', { quick: false, out: '/tmp/r.json' })).toBe('/tmp/r.json');
  });
});
