// The parts of a sender as the settings give it: `rete@example.org` or `Rete <rete@example.org>`.

export function senderOf(from: string): { address: string; name?: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return match ? { address: match[2]!, ...(match[1] ? { name: match[1] } : {}) } : { address: from.trim() };
}
