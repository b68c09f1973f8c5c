import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS } from '../core/errors.ts';
import { fromDatabaseError } from '../db/errors.ts';
import { securityHeaders } from './boundary.ts';

function send(reply: FastifyReply, e: AppError) {
  // a refused upload may leave the rest of its body unread: close the connection rather than keep it
  // waiting (and keep a graceful shutdown waiting) for bytes nobody will read
  if (reply.request.headers['content-type']?.startsWith('multipart/')) reply.header('connection', 'close');
  return reply.status(e.status).send({
    error: { code: e.code, message: e.message, fields: e.fields, rows: e.rows, duplicateOf: e.duplicateOf },
  });
}

/** Fastify's own refusals (body parsing, limits, rate limit) in the catalogue's terms. */
function fromFastifyError(fe: FastifyError): AppError | null {
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED');
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return new AppError('BODY_TOO_LARGE');
  return null;
}

/**
 * One error shape everywhere: { error: { code, message, fields?, rows? } }, messages in Vietnamese.
 * Database errors are mapped here (src/db/errors.ts), never by the routes; what is left is a 500, logged.
 */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  // refused before the app's hook set them (a body that does not parse, a rate limit): the same headers
  if (!reply.hasHeader('x-content-type-options')) securityHeaders(request, reply);
  if (error instanceof AppError) return send(reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: Record<string, string> = {};
    for (const issue of error.validation) {
      const path = issue.instancePath.replace(/^\//u, '').replace(/\//gu, '.') || error.validationContext || 'body';
      fields[path] =
        issue.message || (issue.keyword === 'invalid_type' ? 'thiếu hoặc sai kiểu dữ liệu' : 'giá trị không hợp lệ');
    }
    const message = `${ERRORS.VALIDATION.message}: ${Object.keys(fields).join(', ')}`;
    return send(reply, new AppError('VALIDATION', message, fields));
  }
  const mapped = fromDatabaseError(error) ?? fromFastifyError(error as FastifyError);
  if (mapped) {
    if (mapped.status >= 500) request.log.warn({ err: error }, 'database unavailable');
    return send(reply, mapped);
  }
  const fe = error as FastifyError;
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // another refusal of Fastify's (bad JSON, unsupported content type…): its status, our shape
    const message = `${ERRORS.VALIDATION.message}: ${fe.message}`;
    return reply.status(fe.statusCode).send({ error: { code: 'VALIDATION', message } });
  }
  request.log.error(error);
  return send(reply, new AppError('INTERNAL'));
}
