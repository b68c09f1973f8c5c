// A server process for the fault and scale-out tests and `npm run bench:health-instructions`: `bdg serve` without the
// web client, configured by the environment like the real one, with the same settings for a long-running process as
// bin/bdg.js (the kept next-tick record first, then V8's flags); prints "LISTENING <address>" once it answers.
import '../../bin/tick-shape.js';
import v8 from 'node:v8';
import { v8TuningFlags } from '../../bin/v8-tuning.js';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/cli/serve.ts';

for (const flag of v8TuningFlags(process.env)) v8.setFlagsFromString(flag);
const server = await startServer(loadConfig());
console.log(`LISTENING ${server.address}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
