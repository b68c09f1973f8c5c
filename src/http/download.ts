import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** Sends a file to be saved under `name` (ASCII; Vietnamese names go in filename*), whole or as a stream. */
export function download(reply: FastifyReply, name: string, type: string, body: Buffer | Readable) {
  return reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}"`).send(body);
}
