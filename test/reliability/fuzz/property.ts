// The property every operation must hold under any request: a 4xx problem document or a success
// that matches its documented schema; never a 5xx or a stack trace; a refused request writes nothing.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { requestOf, type FuzzRequest } from './requests';
import { callersOf, tableDigest, type Operation, type World } from './world';

export interface FuzzOptions {
  runs: number;
  seed: number;
}

/** What a call answered, for the report of a failing case. */
interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const STACK_TRACE = /\n\s+at\s|node_modules|\.ts:\d+|\.js:\d+:\d+|Error:\s/;

export function responseChecker(world: World) {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  // Refs inside the document point at `#/components/...`: one schema holds them under the id `doc`.
  ajv.addSchema(JSON.parse(JSON.stringify({ $id: 'doc', components: world.document.components }).replaceAll('"#/components/', '"doc#/components/')));
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorOf = (key: string, schema: object) => {
    if (!compiled.has(key)) compiled.set(key, ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'))));
    return compiled.get(key)!;
  };
  const problem = validatorOf('Problem', { $ref: '#/components/schemas/Problem' });

  /** Why the answer breaks the contract, or undefined when it keeps it. */
  return (operation: Operation, answer: Answer): string | undefined => {
    if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
    if (STACK_TRACE.test(answer.text)) return `the answer shows a stack trace or source path: ${answer.text.slice(0, 300)}`;
    let body: unknown;
    try {
      body = answer.text ? JSON.parse(answer.text) : undefined;
    } catch {
      return `answered ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`;
    }
    if (answer.status >= 400) {
      if (answer.contentType !== 'application/problem+json') return `answered ${answer.status} as ${answer.contentType}, not application/problem+json`;
      if (!problem(body)) return `answered ${answer.status} with a malformed problem: ${ajv.errorsText(problem.errors)}`;
      if ((body as { status: number }).status !== answer.status) return `the problem says status ${(body as { status: number }).status}, the answer ${answer.status}`;
      return undefined;
    }
    const documented = operation.spec.responses[String(answer.status)];
    if (!documented) return `answered ${answer.status}, which the document does not list for ${operation.operationId}`;
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) return undefined;
    const validate = validatorOf(`${operation.operationId} ${answer.status}`, schema);
    if (!validate(body)) return `answered ${answer.status} with a body that does not match its schema: ${ajv.errorsText(validate.errors)}\n${answer.text.slice(0, 500)}`;
    return undefined;
  };
}

async function send(world: World, request: FuzzRequest, as: string | null): Promise<Answer> {
  const token = as === null ? undefined : await world.api.tokenFor(as);
  const response = await world.api.app.request(request.url, {
    method: request.method,
    headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: request.body,
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** The property of one operation called by one person (by default the first the policy allows), as fast-check runs it. */
export function operationProperty(world: World, operation: Operation, check = responseChecker(world), as = callersOf(world, operation.operationId)[0]!.as) {
  const context = { components: world.document.components.schemas, ids: world.ids };
  // The table as the last run left it: one Scan per run, after the request.
  let known: string | undefined;
  return fc.asyncProperty(requestOf(operation, context), async (request) => {
    known ??= await tableDigest(world.api);
    const answer = await send(world, request, as);
    const broken = check(operation, answer);
    const after = await tableDigest(world.api);
    const before = known;
    known = after;
    if (broken) throw new Error(`${request.method} ${request.url.slice(0, 200)} ${broken}\nbody sent: ${request.body?.slice(0, 400)}`);
    if (answer.status >= 400 && after !== before) {
      throw new Error(`${request.method} ${request.url.slice(0, 200)} was refused (${answer.status}) but changed the table`);
    }
  });
}

export async function fuzzOperation(world: World, operation: Operation, options: FuzzOptions, check?: ReturnType<typeof responseChecker>, as?: string | null) {
  return fc.check(operationProperty(world, operation, check, as), {
    numRuns: options.runs,
    seed: options.seed,
    // Shrinking would replay requests against a table that successful ones changed: report the first failure.
    endOnFailure: true,
    maxSkipsPerRun: 0,
    interruptAfterTimeLimit: Math.max(20_000, options.runs * 1_000),
  });
}
