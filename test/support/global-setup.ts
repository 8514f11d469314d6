import type { TestProject } from 'vitest/node';
import { type PgCluster, startPgCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

let cluster: PgCluster | null = null;

export default async function setup(project: TestProject) {
  if (process.env.BELEGFLUSS_TEST_PG_URL) {
    project.provide('pgUrl', process.env.BELEGFLUSS_TEST_PG_URL);
    return;
  }
  cluster = await startPgCluster();
  if (!cluster) {
    const msg =
      '\n\n*** PostgreSQL binaries not found (apt-get install postgresql): the PostgreSQL suites are SKIPPED. ***\n\n';
    if (process.env.CI) throw new Error(`${msg} In CI they must run.`);
    process.stderr.write(msg);
  }
  project.provide('pgUrl', cluster?.url ?? null);
  return () => cluster?.stop();
}
