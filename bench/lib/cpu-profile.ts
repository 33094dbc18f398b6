// Reading a V8 CPU profile (what `node --cpu-prof` or the inspector's Profiler writes): where the
// CPU time went, per request, by package (ours by folder) and by function, self and inclusive.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** "zod", "@smithy/core", "shared/api", "(node internals)", "(V8 builtins)", "(garbage collector)". */
export function packageOf({ functionName, url }: { functionName: string; url: string }): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(V8 builtins)';
  if (url.startsWith('node:')) return '(node internals)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(root) ? path.slice(root.length + 1).split('/').slice(0, 2).join('/') : path;
}

const NOT_WORK = new Set(['(idle)', '(root)']);

/**
 * Self and inclusive milliseconds per request, by package and by function, as lines of text.
 * Samples are counted rather than timed: on a loaded machine the gap before a sample includes
 * time the thread waited for a core (a socket write that wakes DynamoDB Local looks costly), so
 * each sample weighs alike, `cpuMs` (the process's CPU time while profiling) shared among them.
 * Samples of the profiler's own work (node:inspector on the stack) are left out.
 */
export function summarise(profile: CpuProfile, requests: number, cpuMs: number, top = 12): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = (id: number) => {
    const frames = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!.callFrame);
    return frames;
  };
  const counted = profile.samples
    .map(stackOf)
    .filter((stack) => !NOT_WORK.has(packageOf(stack[0]!)) && !stack.some((frame) => frame.url.startsWith('node:inspector')));
  const weight = cpuMs / counted.length / requests;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + weight);
  for (const stack of counted) {
    const { functionName, url, lineNumber } = stack[0]!;
    add(self, packageOf(stack[0]!));
    add(functions, `${functionName || '(anonymous)'} ${packageOf(stack[0]!)}${url ? `:${lineNumber + 1}` : ''}`);
    for (const name of new Set(stack.map(packageOf))) if (!NOT_WORK.has(name)) add(inclusive, name);
  }
  const ranked = (map: Map<string, number>) =>
    [...map].sort(([, a], [, b]) => b - a).slice(0, top)
      .map(([name, ms]) => `  ${ms.toFixed(3).padStart(7)} ms  ${((100 * ms) / (cpuMs / requests)).toFixed(1).padStart(5)} %  ${name}`);
  return [
    `${(cpuMs / requests).toFixed(3)} ms of CPU per request (process.cpuUsage, ${requests} requests), shared among ${counted.length} samples`,
    'self time by package:', ...ranked(self),
    'inclusive time by package (a package counts once per sample it is on the stack of):', ...ranked(inclusive),
    'self time by function:', ...ranked(functions),
  ].join('\n');
}
