// Concurrent writers for a while, each write after the last: how many were written, how fast, with
// which statuses, and what the machine and this process did meanwhile (the writers section).
import { loadavg } from 'node:os';
import { progress } from './progress';

export interface Window {
  seconds: number;
  ok: number;
  statuses: Map<number, number>;
  latencyMs: number[];
  loadAtStart: number;
  loadAtEnd: number;
  /** This process's CPU time (user + system) over the window, in ms: the app's, the SDK's and the sealer's work, not DynamoDB Local's. */
  cpuMs: number;
}

const oneMinuteLoad = () => Number(loadavg()[0]!.toFixed(2));

/** Runs `writers` writers for `seconds`, each write after the last (200: written); answers what was written and how fast. */
export async function writeFor(writers: number, seconds: number, write: (writer: number, round: number) => Promise<number>, label: string): Promise<Window> {
  const statuses = new Map<number, number>();
  const latencyMs: number[] = [];
  let ok = 0;
  const loadAtStart = oneMinuteLoad();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  const ticker = setInterval(() => progress(`  ${label}: ${ok.toLocaleString('en')} writes in ${((performance.now() - started) / 1000).toFixed(0)} s`), 1000);
  try {
    await Promise.all(
      Array.from({ length: writers }, async (_, writer) => {
        for (let round = 0; performance.now() < until; round++) {
          const sent = performance.now();
          const status = await write(writer, round);
          latencyMs.push(performance.now() - sent);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 200) ok++;
        }
      }),
    );
  } finally {
    clearInterval(ticker);
  }
  const { user, system } = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, ok, statuses, latencyMs, loadAtStart, loadAtEnd: oneMinuteLoad(), cpuMs: (user + system) / 1000 };
}

/** Two windows of one side as one (the writes by hand run before and after the app's, so that a drift falls on both alike). */
export const joined = (first: Window, second: Window): Window => ({
  seconds: first.seconds + second.seconds,
  ok: first.ok + second.ok,
  statuses: new Map([...new Set([...first.statuses.keys(), ...second.statuses.keys()])].map((status) => [status, (first.statuses.get(status) ?? 0) + (second.statuses.get(status) ?? 0)])),
  latencyMs: [...first.latencyMs, ...second.latencyMs],
  loadAtStart: first.loadAtStart,
  loadAtEnd: second.loadAtEnd,
  cpuMs: first.cpuMs + second.cpuMs,
});

/** Share of one core this process used over a window. */
export const coreShare = (window: Window) => window.cpuMs / 1000 / window.seconds;

export const countOf = (window: Window, status: number) => window.statuses.get(status) ?? 0;
export const statusText = (window: Window) => [...window.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(', ');
