import type { Command } from 'commander';
import { createUser } from '../../app/auth/create-user.js';
import { resetPassword } from '../../app/auth/reset-password.js';
import { listUsers } from '../../db/repos/users.repo.js';
import { addConfigFlags } from '../config-flags.js';
import { withAppContext } from './shop.command.js';

// `belegfluss admin create-user|reset-password|list-users`: admin UI accounts from a shell. A password is never a
// command-line argument (it would land in the shell history and the process list): it is read from stdin with
// --password-stdin, or generated and printed once.

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function printGenerated(email: string, password: string | null): void {
  if (!password) return;
  console.log(`Passwort für / password for ${email}: ${password}`);
  console.log('Nur jetzt angezeigt, nur der Hash wird gespeichert. / Shown only now; only its hash is stored.');
}

export function registerAdminCommand(program: Command): void {
  const admin = program.command('admin').description('admin UI users: create-user, reset-password, list-users');

  addConfigFlags(
    admin
      .command('create-user')
      .description('create an admin user (password generated and shown once, or read from stdin)')
      .requiredOption('--email <email>', 'e-mail address used to sign in')
      .option('--password-stdin', 'read the password from standard input instead of generating one'),
  ).action(async (opts) => {
    const password = opts.passwordStdin ? await readStdin() : undefined;
    await withAppContext(opts, async (ctx) => {
      const { user, generatedPassword } = await createUser(ctx, { email: opts.email, password });
      console.log(`Benutzer angelegt / user created: ${user.email}`);
      printGenerated(user.email, generatedPassword);
    });
  });

  addConfigFlags(
    admin
      .command('reset-password')
      .description('set a new password (generated and shown once, or from stdin) and end all sessions of the user')
      .requiredOption('--email <email>', 'the user')
      .option('--password-stdin', 'read the new password from standard input instead of generating one'),
  ).action(async (opts) => {
    const password = opts.passwordStdin ? await readStdin() : undefined;
    await withAppContext(opts, async (ctx) => {
      const { generatedPassword, sessionsEnded } = await resetPassword(ctx, { email: opts.email, password });
      console.log(
        `Passwort geändert / password changed: ${String(opts.email).trim().toLowerCase()} (${sessionsEnded} Sitzung(en) beendet / session(s) ended)`,
      );
      printGenerated(String(opts.email).trim().toLowerCase(), generatedPassword);
    });
  });

  addConfigFlags(admin.command('list-users').description('list admin users')).action(async (opts) => {
    await withAppContext(opts, async (ctx) => {
      for (const u of await listUsers(ctx.db)) {
        console.log(`${u.email}\tangelegt/created ${u.createdAt}\tletzte Anmeldung/last login ${u.lastLoginAt ?? '—'}`);
      }
    });
  });
  for (const cmd of admin.commands) cmd.exitOverride();
}
