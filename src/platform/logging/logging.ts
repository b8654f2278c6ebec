import type { FastifyRequest } from 'fastify';

/** Never log credentials or session material. */
export const logRedactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.code',
  '*.token',
];

/**
 * Logs the route pattern, never the raw URL: a query string or a path segment could carry a name,
 * a phone number or a tracking code.
 */
export function requestSerializer(req: FastifyRequest) {
  return {
    method: req.method,
    route: req.routeOptions?.url ?? 'unmatched',
    remoteAddress: req.ip,
  };
}
