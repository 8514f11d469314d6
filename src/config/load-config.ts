import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { AppError } from '../lib/errors.js';
import { type AppConfig, CONFIG_SOURCES, configSchema } from './schema.js';

// Layers, lowest first: schema defaults < config file (TOML) < environment < CLI flags.
// This module is the only reader of process.env for process settings.

type Raw = Record<string, unknown>;

function setPath(target: Raw, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Raw;
  }
  cur[keys.at(-1)!] = value;
}

function flatten(obj: Raw, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? flatten(v as Raw, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

export interface ConfigInput {
  env?: NodeJS.ProcessEnv;
  /** Values from CLI flags, keyed by schema path (e.g. { port: '8080' }). */
  flags?: Record<string, unknown>;
  /** Path of a TOML config file; defaults to BELEGFLUSS_CONFIG. */
  configFile?: string | undefined;
}

export function loadConfig(input: ConfigInput = {}): AppConfig {
  const env = input.env ?? process.env;
  const merged: Raw = {};
  const origin = new Map<string, string>();

  const file = input.configFile ?? env.BELEGFLUSS_CONFIG;
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new AppError(
        'config',
        'config_file',
        `config file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    let parsed: Raw;
    try {
      parsed = parseToml(text) as Raw;
    } catch (e) {
      throw new AppError(
        'config',
        'config_file',
        `config file ${file} is not valid TOML: ${(e as Error).message.split('\n')[0]}`,
      );
    }
    for (const [path, value] of flatten(parsed)) {
      setPath(merged, path, value);
      origin.set(path, `${path} in ${file}`);
    }
  }
  for (const src of CONFIG_SOURCES) {
    const value = env[src.env];
    if (value !== undefined && value !== '') {
      setPath(merged, src.path, value);
      origin.set(src.path, `${src.env} (environment)`);
    }
  }
  for (const [path, value] of Object.entries(input.flags ?? {})) {
    if (value === undefined) continue;
    setPath(merged, path, value);
    const flag = CONFIG_SOURCES.find((s) => s.path === path)?.flag ?? path;
    origin.set(path, `${flag} (command line)`);
  }

  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    const where =
      origin.get(path) ?? (issue.code === 'unrecognized_keys' ? `unknown setting ${issue.keys.join(', ')}` : path);
    const issues = result.error.issues.map((i) => {
      const p = i.path.map(String).join('.');
      return { path: origin.get(p) ?? p, message: i.message };
    });
    throw new AppError('config', 'invalid_config', `Invalid configuration: ${where}: ${issue.message}`, { issues });
  }
  return Object.freeze(result.data) as AppConfig;
}
