import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context.js';
import { AppError, type FieldError, toProblem } from './errors.js';
import { createMetrics } from './metrics.js';
import { containsNul, nestingDepth, normalizeStringsNfc } from './text.js';
import { resolveRequestAuth, enforceRouteAccess } from '../auth/request-auth.js';
import { isMigrated } from '../db/migrate.js';
import { logRedactPaths, requestSerializer } from '../logging/logging.js';

export type AppInstance = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

/** A capability module contributes its routes through one function of this shape. */
export type ModuleRoutes = (app: AppInstance, ctx: AppContext) => Promise<void> | void;

export const WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');
export const BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** No legitimate request body nests deeper; refusing deeper ones keeps every later walk of the body bounded. */
export const MAX_JSON_DEPTH = 32;

export async function buildApp(
  base: Omit<AppContext, 'log'>,
  modules: ModuleRoutes[],
  options: { logger?: boolean; serveWeb?: boolean } = {},
): Promise<AppInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: base.config.logLevel, redact: { paths: logRedactPaths, censor: '[redacted]' }, serializers: { req: requestSerializer } },
    bodyLimit: BODY_LIMIT,
    trustProxy: base.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    // Errors raised before routing (a malformed percent-encoding in the path) answer problem+json too,
    // without echoing the URL (it could carry personal data).
    frameworkErrors: (err, req, reply) => {
      const appError = err.code === 'FST_ERR_BAD_URL' ? new AppError('validation', 'The URL is malformed') : new AppError('validation');
      void (reply as FastifyReply).status(appError.status).type('application/problem+json').send(toProblem(appError, req.id));
    },
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  const ctx: AppContext = { ...base, log: app.log };
  const metrics = createMetrics(base.db);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('auth', null);
  app.decorateRequest('pendingSession', null);
  app.decorateRequest('actor', null as never);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: base.config.env === 'production',
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenNRM API',
        version: '1',
        description: 'National Referral Mechanism platform. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'nrm_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Closed by default: an /api/v1 route without a declared access rule stops the start.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    }
  });

  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    if (body === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body as string);
    } catch {
      return done(new AppError('bad_json'), undefined);
    }
    if (nestingDepth(parsed) > MAX_JSON_DEPTH) {
      return done(new AppError('bad_json', `The body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    }
    done(null, normalizeStringsNfc(parsed));
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    req.actor = { userId: null, organisationId: null, role: null, requestId: req.id, clientIp: req.ip };
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  app.addHook('preValidation', async (req) => {
    if (containsNul(req.params) || containsNul(req.query) || containsNul(req.body)) {
      throw new AppError('validation', 'Text must not contain NUL characters');
    }
    if (req.query && typeof req.query === 'object') req.query = normalizeStringsNfc(req.query) as typeof req.query;
  });
  app.addHook('preHandler', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    await resolveRequestAuth(ctx, req, reply);
    await enforceRouteAccess(ctx, req, access);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.observe(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const appError = toAppError(err, req);
    if (appError.status >= 500) {
      req.log.error({ failure: { name: err.name, errorCode: (err as FastifyError).code, stack: stackWithoutMessage(err) } }, 'request failed');
    }
    void reply
      .status(appError.status)
      .type('application/problem+json')
      .send(toProblem(appError, req.id));
  });
  app.setNotFoundHandler((req, reply) => {
    const acceptsHtml = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (acceptsHtml && options.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    void reply.status(404).type('application/problem+json').send(toProblem(new AppError('not_found'), req.id));
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      if (await isMigrated(base.db)) return { status: 'ready' };
    } catch {
      /* unreachable database: not ready */
    }
    return reply.status(503).type('application/problem+json').send(toProblem(new AppError('not_ready')));
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const registerModule of modules) await registerModule(app, ctx);

  if (options.serveWeb !== false && fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}

function toAppError(err: FastifyError | AppError, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors: FieldError[] = err.validation.map((v) => ({
      field: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
      message: v.message ?? 'invalid',
    }));
    return new AppError('validation', undefined, { errors });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', `The limit is ${BODY_LIMIT} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_json');
    case 'FST_ERR_VALIDATION':
      return new AppError('validation');
  }
  if (err.statusCode === 429) return new AppError('too_many_requests');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    req.log.info({ code: err.code }, 'client error');
    return new AppError('validation');
  }
  return new AppError('internal');
}

/** Error messages may quote user input (database constraint details); only frames are logged. */
function stackWithoutMessage(err: Error): string | undefined {
  return err.stack?.split('\n').slice(1).join('\n');
}
