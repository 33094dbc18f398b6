// Arranging what a browser flow starts from, through the running suite's API (as the demo people).
export function apiOf(base: string) {
  const tokens = new Map<string, string>();
  async function tokenFor(person: string): Promise<string> {
    const known = tokens.get(person);
    if (known) return known;
    const response = await fetch(`${base}/api/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: person }),
    });
    if (!response.ok) throw new Error(`login as ${person}: ${response.status}`);
    const { token } = (await response.json()) as { token: string };
    tokens.set(person, token);
    return token;
  }
  async function call(as: string, method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${base}/api/v1/consortia/pantacon${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokenFor(as)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} as ${as}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
  return { call, get: (as: string, path: string) => call(as, 'GET', path) };
}

export type TestApi = ReturnType<typeof apiOf>;
