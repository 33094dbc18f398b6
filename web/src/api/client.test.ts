// The compiler refuses a dashboard call that the API does not have: an unknown path, a body field
// or a query parameter the operation does not take, an answer field it does not give. Each wrong
// call is compiled beside the real client and its generated types, as `npm run typecheck` would.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const here = join(root, 'web', 'src', 'api');

const prelude = `import { createApi } from './client';
const api = createApi({ token: () => undefined, renew: async () => undefined, signedOut() {} });
const ids = { consortiumId: 'pantacon', projectId: 'cultnetwork' };
export async function call() {\n`;

const calls = {
  right: `const overview = await api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/overview', ids);
    const title: string = overview.project.title;
    await api.post('/api/v1/consortia/{consortiumId}/notifications/read', { consortiumId: 'pantacon' }, { notificationIds: ['n1'] });
    const costs = await api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/costs', ids, { status: 'submitted', limit: 100 });
    return [title, costs.items.length];`,
  unknownPath: `await api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/summary', ids);`,
  unknownBodyField: `await api.post('/api/v1/consortia/{consortiumId}/notifications/read', { consortiumId: 'pantacon' }, { notificationIds: ['n1'], all: true });`,
  nestedBodyField: `await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/deliverables/{deliverableId}/log', { ...ids, deliverableId: 'd1' }, { note: 'n', percent: 5, evidence: [{ url: 'https://example.org', size: 3 }] });`,
  missingBodyField: `await api.post('/api/v1/consortia/{consortiumId}/projects/{projectId}/costs/{costId}/submit', { ...ids, costId: 'c1' }, {});`,
  unknownQuery: `await api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/costs', ids, { owner: 'm1' });`,
  missingPathParameter: `await api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/overview', { consortiumId: 'pantacon' });`,
  unknownAnswerField: `const overview = await api.get('/api/v1/consortia/{consortiumId}/projects/{projectId}/overview', ids);
    return overview.project.budgetCents;`,
  wrongAnswerType: `const me = await api.get('/api/v1/me', {});
    const count: number = me.personId;
    return count;`,
};

function compile(): Map<string, readonly ts.Diagnostic[]> {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const files = new Map(Object.entries(calls).map(([name, body]) => [join(here, `__${name}__.ts`), `${prelude}  ${body}\n}\n`]));
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(resolve(name)) ?? readFile(name);
  host.fileExists = (name) => files.has(resolve(name)) || ts.sys.fileExists(name);
  host.getSourceFile = (name, version, ...rest) =>
    files.has(resolve(name)) ? ts.createSourceFile(name, files.get(resolve(name))!, version) : getSourceFile(name, version, ...rest);
  const program = ts.createProgram([...files.keys()], { ...options, noEmit: true }, host);
  return new Map([...files.keys()].map((file) => [file, ts.getPreEmitDiagnostics(program, program.getSourceFile(file))]));
}

const diagnostics = compile();
const of = (name: keyof typeof calls) => diagnostics.get(join(here, `__${name}__.ts`))!.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

describe('a dashboard call', () => {
  it('that the API has compiles', () => {
    expect(of('right')).toEqual([]);
  });

  it.each([
    ['a path the API does not have', 'unknownPath', /summary.*not assignable/s],
    ['a body field the operation does not take', 'unknownBodyField', /'all' does not exist/],
    ['a field of a nested body object the operation does not take', 'nestedBodyField', /'size' does not exist/],
    ['a body without a required field', 'missingBodyField', /'version' is missing/],
    ['a query parameter the operation does not take', 'unknownQuery', /'owner' does not exist/],
    ['a path without one of its parameters', 'missingPathParameter', /'projectId' is missing/],
    ['an answer field the API does not give', 'unknownAnswerField', /'budgetCents' does not exist/],
    ['an answer field read as another type', 'wrongAnswerType', /'string' is not assignable to type 'number'/],
  ] as const)('with %s fails to compile', (_, name, message) => {
    expect(of(name).join('\n')).toMatch(message);
  });
});
