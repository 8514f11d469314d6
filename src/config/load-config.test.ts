import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('uses defaults when nothing is set', () => {
    const c = loadConfig({ env: {} });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('sqlite:./data/belegfluss.db');
    expect(c.sevdesk.requestsPerSecond).toBe(4);
  });

  it('lets the environment override defaults and flags override the environment', () => {
    expect(loadConfig({ env: { PORT: '8080' } }).port).toBe(8080);
    expect(loadConfig({ env: { PORT: '8080' }, flags: { port: '9090' } }).port).toBe(9090);
  });

  it('names the environment variable and the problem', () => {
    expect(() => loadConfig({ env: { PORT: 'eighty' } })).toThrow(/PORT \(environment\): must be a number/);
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' } })).toThrow(
      /DATABASE_URL \(environment\): must start with sqlite:/,
    );
  });

  it('names the command line flag', () => {
    expect(() => loadConfig({ env: {}, flags: { port: '70000' } })).toThrow(
      /--port \(command line\): must be at most 65535/,
    );
  });
});
