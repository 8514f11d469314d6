import type { RouteModule } from './app.js';

// Every HTTP route module of the service, mounted in this order.
export const ROUTE_MODULES: RouteModule[] = [];
