// Entry of the child process that parses untrusted files: loads the TypeScript sources through tsx, as
// bin/bdg.js does for the server (the child is started without the parent's loader).
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
