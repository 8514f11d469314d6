import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { AppContext } from '../app/context.js';
import type { Shop } from '../db/repos/shops.repo.js';
import { errorResponse } from './error-mapping.js';
import { mountHealth } from './health.route.js';
import { mountMetrics } from './metrics.route.js';

export type HttpEnv = { Variables: { ctx: AppContext; requestId: string; shop: Shop } };
export type HttpApp = Hono<HttpEnv>;
/** A route module mounts its endpoints on the app. */
export type RouteModule = (app: HttpApp) => void;

export function createHttpApp(ctx: AppContext, modules: RouteModule[] = []): HttpApp {
  const app = new Hono<HttpEnv>();
  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(async (c, next) => {
    c.set('ctx', ctx);
    const started = performance.now();
    await next();
    if (c.req.path !== '/healthz') {
      ctx.logger.debug(
        {
          requestId: c.get('requestId'),
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    }
  });
  app.use(
    bodyLimit({
      maxSize: ctx.config.bodyLimitBytes,
      onError: (c) =>
        c.json(
          { error: { code: 'body_too_large', message: `Request body exceeds ${ctx.config.bodyLimitBytes} bytes` } },
          413,
        ),
    }),
  );
  app.onError((err, c) => errorResponse(c, err, ctx.logger));
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } }, 404),
  );
  mountHealth(app);
  mountMetrics(app);
  for (const mount of modules) mount(app);
  return app;
}
