// Entry of the worker thread that parses untrusted files: loads the TypeScript sources through tsx, as
// bin/bdg.js does for the main thread (a worker does not inherit the main thread's loader).
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
