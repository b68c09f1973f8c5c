import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import { unsafeTextFields } from '../core/input-safety.ts';

/**
 * The one boundary every request crosses before any route or database sees it: a string with a NUL,
 * a control character, a lone surrogate or a bidirectional override anywhere in the body, query or path
 * is refused with 400 naming the field (see core/input-safety.ts). Nothing is cleaned silently.
 */
export function refuseUnsafeText(request: FastifyRequest): void {
  const fields: Record<string, string> = {};
  unsafeTextFields(request.params, '', fields);
  unsafeTextFields(request.query, '', fields);
  unsafeTextFields(request.body, '', fields);
  const names = Object.keys(fields);
  if (names.length > 0) {
    throw new AppError('VALIDATION', `Dữ liệu chứa ký tự không được phép: ${names.join(', ')}`, fields);
  }
}

/**
 * The web client loads only its own scripts; antd writes its styles at run time (inline styles allowed),
 * charts draw on canvas. The API documentation page (Swagger UI) sets its own policy.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * An API answer is data, never a page: it may load nothing and be framed nowhere (the policy OWASP advises for
 * REST answers) — a short header on the answers there are most of.
 */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The headers every answer carries, the request id among them. An API answer gets the set OWASP's REST Security
 * Cheat Sheet lists for API responses (nosniff, X-Frame-Options, CSP frame-ancestors, no-store) and no
 * Referrer-Policy: that header decides what a page's links and loads tell other sites, and a JSON answer has
 * neither. Pages (the web client, the API documentation) keep it. Each header costs every answer some 2,600
 * instructions (five cost 13,029; README, issue 15), so none is sent where it protects nothing.
 */
export function securityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const url = request.url;
  reply
    .header('x-request-id', request.id)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY');
  if (!url.startsWith('/api/')) reply.header('content-security-policy', CSP).header('referrer-policy', 'same-origin');
  else if (!url.startsWith('/api/docs'))
    reply.header('content-security-policy', API_CSP).header('cache-control', 'no-store');
  else reply.header('cache-control', 'no-store').header('referrer-policy', 'same-origin');
}
