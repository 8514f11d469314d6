import type { AppContext } from '../../app/context.js';
import type { JobHandler } from '../worker-runner.js';

// Queue name → handler. One file per job in this folder.
export function buildJobHandlers(_ctx: AppContext): Record<string, JobHandler> {
  return {};
}
