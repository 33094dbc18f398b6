// The CloudFront Function of the dashboard's behaviour, run as CloudFront would: pages of the
// single-page app get index.html, the share page its own file, files stay files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const source = readFileSync(join(import.meta.dirname, '..', '..', 'infra', 'web', 'dashboard-routes.js'), 'utf8');
const context: { handler?: (event: unknown) => { uri: string } } = {};
runInNewContext(source, context);
const route = (uri: string) => context.handler!({ request: { uri, method: 'GET', headers: {} } }).uri;

describe('dashboard routes', () => {
  it.each(['/', '/projects/cultnetwork', '/projects/cultnetwork/deliverables/d-1', '/costs/'])('serves index.html for the page %s', (uri) => {
    expect(route(uri)).toBe('/index.html');
  });

  it('serves the share page for /share, with or without a trailing slash', () => {
    expect(route('/share')).toBe('/share.html');
    expect(route('/share/')).toBe('/share.html');
  });

  it.each(['/app.js', '/app.css', '/config.json', '/share.html', '/fonts/x.woff2'])('leaves the file %s alone', (uri) => {
    expect(route(uri)).toBe(uri);
  });
});
