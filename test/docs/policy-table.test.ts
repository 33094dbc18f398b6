// The table of who may call what in docs/api.md is written from POLICY and the OpenAPI document,
// so that the docs cannot say something else than the code. `UPDATE_POLICY_TABLE=1 npx vitest run
// test/docs/policy-table.test.ts` writes it again after a change of the policy or of a route.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { POLICY, PERSONAL_OPERATIONS, PUBLIC_OPERATIONS, type Rule } from '../../shared/api/policy';
import type { Role } from '../../shared/domain/person';
import { createTestApi } from '../support/api';

const DOC = new URL('../../docs/api.md', import.meta.url);
const BEGIN = '<!-- policy table: begin (written by test/docs/policy-table.test.ts) -->';
const END = '<!-- policy table: end -->';

const api = await createTestApi();
afterAll(() => api.table.drop());

const WORDS: Record<Rule, string> = {
  allow: 'yes',
  deny: 'no (403)',
  'own-member': 'its own member (403 for another)',
  'own-deliverable': "its member's deliverables (403 for another's)",
  'own-budget-line': "its member's lines (404 for another's)",
  'own-cost': "its member's costs (404 for another's)",
  'approved-cost': 'approved costs (404 for others)',
  hidden: 'no (404)',
};

function cell(operationId: string, role: Role, path: string): string {
  if (operationId in PUBLIC_OPERATIONS) return 'anyone, no token';
  if (operationId in PERSONAL_OPERATIONS) return 'their own';
  const words = WORDS[POLICY[operationId as keyof typeof POLICY][role]];
  // Inside a project, the project check comes first: it narrows every role but the coordinator.
  if (!path.includes('{projectId}') || role === 'coordinator') return words;
  return `${role === 'member' ? 'partners' : 'its funder'}: ${words}`;
}

async function table(): Promise<string> {
  const document = (await api.call('GET', '/api/openapi.json', undefined, { as: null })).body;
  const rows: string[] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, { operationId: string }>>)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, operation] of Object.entries(item)) {
      const shortPath = path.replace('/api/v1/consortia/{consortiumId}', '').replace('/projects/{projectId}', '/projects/{p}') || '/';
      const roles = (['coordinator', 'member', 'funder'] as const).map((role) => cell(operation.operationId, role, path));
      rows.push(`| \`${operation.operationId}\` | \`${method.toUpperCase()} ${shortPath}\` | ${roles.join(' | ')} |`);
    }
  }
  return [
    BEGIN,
    '| operation | method and path | coordinator | member person | funder person |',
    '| --- | --- | --- | --- | --- |',
    ...rows.sort(),
    END,
  ].join('\n');
}

it('docs/api.md has the policy table as POLICY and the routes say it', async () => {
  const doc = await readFile(DOC, 'utf8');
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  expect(start, `docs/api.md has no line ${BEGIN}`).toBeGreaterThanOrEqual(0);
  const written = await table();
  if (process.env.UPDATE_POLICY_TABLE) await writeFile(DOC, doc.slice(0, start) + written + doc.slice(end + END.length));
  else expect(doc.slice(start, end + END.length), 'run UPDATE_POLICY_TABLE=1 npx vitest run test/docs/policy-table.test.ts').toBe(written);
});
