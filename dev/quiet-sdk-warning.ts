// The AWS SDK warns once per process that its releases after early January 2027 need Node.js 22.
// The lockfile pins a release that runs on Node.js 20 (see README), so the local tools drop that
// one warning and keep every other.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message;
  if (text.startsWith('NodeVersionSupportWarning')) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;
