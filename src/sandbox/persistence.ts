// `--state FILE`: the store as JSON, reloaded on start, written debounced and on shutdown.
// Writes go to a temp file in the same directory and are renamed over the target, so a crash never leaves half a file.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PersistedState, SandboxStore } from './state.js';

export class StateFile {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private dirty = false;

  constructor(
    readonly path: string,
    private readonly store: SandboxStore,
    private readonly debounceMs = 200,
  ) {}

  /** Loads the file into the store if it exists. */
  load(): boolean {
    if (!existsSync(this.path)) return false;
    let state: PersistedState;
    try {
      state = JSON.parse(readFileSync(this.path, 'utf8')) as PersistedState;
    } catch (error) {
      throw new Error(`The sandbox state file ${this.path} is not valid JSON: ${(error as Error).message}`);
    }
    this.store.load(state);
    return true;
  }

  /** Marks the state dirty and writes it after `debounceMs` of quiet. */
  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush().catch((error: unknown) => console.error(`sandbox: writing ${this.path} failed:`, error));
    }, this.debounceMs);
    this.timer.unref();
  }

  /** Writes now if anything changed (waiting for a write in progress first). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.writing) await this.writing.catch(() => undefined);
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = this.write()
      .catch((error: unknown) => {
        this.dirty = true;
        throw error;
      })
      .finally(() => {
        this.writing = null;
      });
    await this.writing;
  }

  private async write(): Promise<void> {
    const text = JSON.stringify(this.store.toJSON());
    const tmp = `${this.path}.${process.pid}.tmp`;
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(tmp, text);
    await rename(tmp, this.path);
  }
}
