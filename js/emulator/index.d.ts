// The fixtures are the dry run's, declared once in ../dry-run/index.d.ts: templates are the
// main entry's InvokeBody (generated step types).
import type { Fixtures } from '../dry-run/index.js';

/** Fixtures of the emulated workspace: the dry-run scenario's `fixtures`. */
export type EmulatorFixtures = Fixtures;

export interface EmulatorOptions {
  /** default 4010; 0 picks a free port */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  /** the virtual clock's start: ISO 8601 or epoch ms; default the real current time */
  now?: string | number;
  /** the run-id generator's seed, default 0 */
  seed?: number;
  fixtures?: EmulatorFixtures;
  /** bytes; larger bodies get 413. Default 1 MiB */
  bodyLimit?: number;
  /** the API keys accepted; default any non-empty key */
  apiKey?: string | string[] | ((key: string) => boolean);
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4010, to use as the SDK's or the client's baseURL */
  url: string;
  port: number;
  host: string;
  /** the underlying node:http Server */
  server: { close(callback?: (err?: Error) => void): unknown; address(): unknown };
  /** stops listening, drops open connections and frees the simulator */
  close(): Promise<void>;
}

/** The emulator's default body limit: 1 MiB. */
export const DEFAULT_BODY_LIMIT: number;

/** Starts a local emulator of POST /automations/invoke and /automations/{templateId}/invoke. */
export function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator>;
