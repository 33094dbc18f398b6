// An SDK middleware that counts every DynamoDB call a client sends, with the capacity DynamoDB
// says it consumed (each call asks for it with ReturnConsumedCapacity), and remembers any Scan.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Call {
  command: string;
  capacity: number;
}

export interface CallCounter {
  /** Runs `task` and gives back the calls sent while it ran. Tasks measured so must not overlap. */
  during<T>(task: () => Promise<T>): Promise<{ result: T; calls: Call[] }>;
  /** Every Scan seen since the counter was installed, whatever was being measured. */
  readonly scans: number;
  readonly total: number;
}

export function installCallCounter(client: DynamoDBDocumentClient): CallCounter {
  let current: Call[] | undefined;
  let scans = 0;
  let total = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      total++;
      if (command.startsWith('Scan')) scans++;
      const input = args.input as Record<string, unknown>;
      if (!input.ReturnConsumedCapacity) input.ReturnConsumedCapacity = 'TOTAL';
      const output = await next(args);
      const consumed = (output.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const capacity = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      current?.push({ command: command.replace(/Command$/, ''), capacity });
      return output;
    },
    { step: 'initialize', name: 'benchCallCounter', priority: 'high' },
  );
  return {
    async during(task) {
      const calls: Call[] = [];
      current = calls;
      try {
        return { result: await task(), calls };
      } finally {
        current = undefined;
      }
    },
    get scans() {
      return scans;
    },
    get total() {
      return total;
    },
  };
}

/** "GetItem×2, Query×1", by command name (calls sent in parallel finish in any order). */
export function describeCalls(calls: Call[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.command, (counts.get(call.command) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([command, count]) => `${command}×${count}`).join(', ');
}
