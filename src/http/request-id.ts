import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const PLAIN_TOKEN = /^[\w.:-]{1,100}$/u;

/**
 * The id of a request, in every log line and answer: the caller's (a proxy's) X-Request-Id when it is a plain
 * token, else a new UUID.
 */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && PLAIN_TOKEN.test(given) ? given : randomUUID();
}
