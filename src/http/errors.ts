import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS } from '../core/errors.ts';

/** One error shape everywhere: { error: { code, message, fields?, rows? } }, messages in Vietnamese. */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply
      .status(error.status)
      .send({ error: { code: error.code, message: error.message, fields: error.fields, rows: error.rows } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: Record<string, string> = {};
    for (const issue of error.validation) {
      const path = issue.instancePath.replace(/^\//u, '').replace(/\//gu, '.') || error.validationContext || 'body';
      fields[path] =
        issue.message || (issue.keyword === 'invalid_type' ? 'thiếu hoặc sai kiểu dữ liệu' : 'giá trị không hợp lệ');
    }
    return reply.status(400).send({
      error: {
        code: 'VALIDATION',
        message: `${ERRORS.VALIDATION.message}: ${Object.keys(fields).join(', ')}`,
        fields,
      },
    });
  }
  const fe = error as FastifyError;
  if (fe.statusCode === 429)
    return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.message } });
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413)
    return reply.status(413).send({ error: { code: 'FILE_TOO_LARGE', message: ERRORS.FILE_TOO_LARGE.message } });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply
      .status(fe.statusCode)
      .send({ error: { code: 'VALIDATION', message: `${ERRORS.VALIDATION.message}: ${fe.message}` } });
  }
  request.log.error(error);
  return reply.status(500).send({ error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
}
