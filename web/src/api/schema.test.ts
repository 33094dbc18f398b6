// The dashboard's API types are the served document's: regenerating them from the app gives the
// checked-in file, byte for byte (run `npm run api:types` after changing a route or a schema).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiTypes, apiTypesFile, servedDocument } from '../../../dev/api-types';

describe("the dashboard's API types", () => {
  it('are what the served OpenAPI document generates', async () => {
    const checkedIn = await readFile(apiTypesFile, 'utf8');
    const regenerated = await apiTypes(await servedDocument());
    // Compared as text, so that a difference shows as a diff; a message says how to fix it.
    expect(regenerated === checkedIn ? 'same' : 'web/src/api/schema.d.ts differs: run npm run api:types').toBe('same');
  });

  it('differ when the document differs', async () => {
    const document = await servedDocument();
    const [path] = Object.keys(document.paths ?? {});
    delete document.paths![path!];
    expect(await apiTypes(document)).not.toBe(await readFile(apiTypesFile, 'utf8'));
  });
});
