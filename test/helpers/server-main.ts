// A server process for the fault and scale-out tests: `bdg serve` without the web client, configured by
// the environment like the real one; prints "LISTENING <address>" once it answers.
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/cli/serve.ts';

const server = await startServer(loadConfig());
console.log(`LISTENING ${server.address}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
