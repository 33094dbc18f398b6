// Run by the cold-start section in a fresh Node process (plain JavaScript: no loader in the way):
// imports one bundled function, answers one API Gateway event and prints its timings.
// Times are milliseconds since this process started (performance.timeOrigin); `cpu` is the
// process's CPU time to the answer, in milliseconds.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const importStarted = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const imported = performance.now();
const result = await handler(event, { awsRequestId: 'bench', functionName: 'bench' });
const answered = performance.now();
// The process's CPU time (user + system) to the answer: what a loaded machine's waits leave out.
const { user, system } = process.cpuUsage();
const cpu = (user + system) / 1000;
process.stdout.write(`${JSON.stringify({ status: result.statusCode, importStarted, imported, answered, cpu, body: String(result.body).slice(0, 200) })}\n`);
process.exit(0);
