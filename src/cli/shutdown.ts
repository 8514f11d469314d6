// Graceful shutdown on SIGTERM/SIGINT: stop taking work, finish or release running jobs, close the database.
// A second signal exits at once.
export function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) process.exit(130);
    closing = true;
    console.log(`${signal} received, shutting down…`);
    close().then(
      () => process.exit(0),
      (e) => {
        console.error(`Shutdown failed: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
