// Child process entry: runs a load scenario against a server and prints `LOAD_RESULT <json>`, so the load
// generator never shares a CPU's event loop with the server it measures. One JSON argument (LoadScenario).
import { type LoadScenario, scenarioRequests } from './load-scenarios.js';
import { runLoad } from './loadgen.js';

const scenario = JSON.parse(process.argv[2] ?? '{}') as LoadScenario;
const result = await runLoad({
  url: scenario.url,
  concurrency: scenario.concurrency,
  ...(scenario.requests !== undefined ? { requests: scenario.requests } : {}),
  ...(scenario.durationMs !== undefined ? { durationMs: scenario.durationMs } : {}),
  ...(scenario.warmup !== undefined ? { warmup: scenario.warmup } : {}),
  make: scenarioRequests(scenario),
});
console.log(`LOAD_RESULT ${JSON.stringify(result)}`);
process.exit(0);
