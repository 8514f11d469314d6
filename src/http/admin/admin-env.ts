import type { Hono } from 'hono';
import type { ActiveSession } from '../../app/auth/resolve-session.js';
import type { HttpEnv } from '../app.js';
import type { Locale } from './i18n/index.js';

// Variables the admin middleware sets for its routes.
export type AdminVariables = HttpEnv['Variables'] & {
  locale: Locale;
  /** Set on every route except the login page and assets. */
  session: ActiveSession;
};
export type AdminEnv = { Variables: AdminVariables };
export type AdminApp = Hono<AdminEnv>;
/** One admin endpoint (or a GET/POST pair of the same page) mounts itself on the admin sub-app. */
export type AdminRoute = (admin: AdminApp) => void;

/** Paths relative to the mount point /admin. */
export const ADMIN_BASE = '/admin';
