import { ensureFirstAdmin, type FirstAdminOutcome } from '../auth/ensure-first-admin.js';
import type { AppContext } from '../context.js';
import type { DemoSandbox } from './demo-sandbox.js';
import { type DemoReport, prepareDemo } from './prepare-demo.js';

// What `serve` does after the server listens: make sure an admin can log in, set up the Testmodus demo, and tell
// the person at the terminal where to go — with the one-time password when one was generated (shown only now;
// only its hash is stored).

export interface FirstRunReport {
  admin: FirstAdminOutcome;
  demo: DemoReport | null;
  lines: string[];
}

export async function runFirstRun(
  ctx: AppContext,
  opts: { serverUrl: string; demoSandbox: DemoSandbox | null },
): Promise<FirstRunReport> {
  const admin = await ensureFirstAdmin(ctx);
  let demo: DemoReport | null = null;
  if (opts.demoSandbox) {
    try {
      demo = await prepareDemo(ctx, opts.demoSandbox, opts.serverUrl);
    } catch (e) {
      ctx.logger.error({ err: e }, 'the Testmodus demo could not be prepared');
    }
  }
  const adminUrl = `${opts.serverUrl.replace(/\/+$/, '')}/admin`;
  const lines = [`Admin: ${adminUrl}`];
  if (admin.kind === 'created' && admin.generatedPassword) {
    lines.push(
      `Einmal-Anmeldung / one-time login: ${admin.email}  ${admin.generatedPassword}`,
      '  (nur jetzt angezeigt – bitte notieren; neues Passwort: belegfluss admin reset-password --email …)',
      '  (shown only now – note it; a new one: belegfluss admin reset-password --email …)',
    );
  } else if (admin.kind === 'created') {
    lines.push(`Admin-Benutzer / admin user: ${admin.email} (Passwort aus BELEGFLUSS_ADMIN_PASSWORD)`);
  } else if (admin.kind === 'password_from_environment') {
    lines.push(
      `Passwort von ${admin.email} aus BELEGFLUSS_ADMIN_PASSWORD übernommen / password taken from the environment`,
    );
  }
  if (opts.demoSandbox) {
    lines.push(
      `Testmodus: sevDesk-Sandbox / sandbox ${demo?.sandboxApiUrl ?? '(not ready)'} – nichts geht an ein echtes sevDesk-Konto / nothing reaches a real sevDesk account`,
    );
    for (const s of demo?.shops ?? []) {
      lines.push(
        `  ${s.name}: ${s.orders.created} Bestellungen neu / orders new, ${s.orders.unchanged} unverändert / unchanged${s.orders.failed ? `, ${s.orders.failed} FEHLER / failed` : ''}`,
      );
    }
  }
  return { admin, demo, lines };
}
