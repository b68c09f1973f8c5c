import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { httpRequests } from './registry.ts';

/**
 * Counts every answered request by method, route pattern (not the raw URL) and status, with its duration; with
 * `log`, also writes one line per request. It is Fastify's log controller (its own two lines per request stay off):
 * Fastify calls `requestCompleted` when an answer has been sent whether or not the app has an `onResponse` hook, so
 * the count costs no hook's turn (issue 15).
 */
export class RequestObserver extends LogController {
  constructor(private readonly log: boolean) {
    super({ disableRequestLogging: true });
  }

  override requestCompleted(_error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions.url ?? 'unmatched';
    httpRequests.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    // through the server's logger with the request's id in the line, as the request's own logger would write it
    // (the same keys in the same order), without making that logger's pino child for every request
    if (this.log)
      request.server.log.info(
        {
          reqId: request.id,
          method: request.method,
          route,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request',
      );
  }
}
