/**
 * The bare Fastify server the app's /api/health is compared with (issue 15): one route, no options, run as a
 * process of its own (`node --input-type=module -e BARE_FASTIFY`); prints "LISTENING <address>".
 */
export const BARE_FASTIFY = [
  "import Fastify from 'fastify';",
  'const app = Fastify();',
  "app.get('/health', async () => ({ ok: true }));",
  "await app.listen({ host: '127.0.0.1', port: 0 });",
  'console.log(`LISTENING http://127.0.0.1:${app.server.address().port}`);',
].join('\n');
