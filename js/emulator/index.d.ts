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
  /**
   * what the runs' requests may hold (they stay in wasm memory), counted as each request's bytes
   * plus 32 per JSON value; an invoke past it gets 507 until a reset. Default 64 MiB, which keeps
   * the wasm memory well under its ceiling
   */
  stateLimit?: number;
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

/** The emulator's default state limit: 128 MiB of stored request bodies. */
export const DEFAULT_STATE_LIMIT: number;

// The read endpoints' answers, in the shapes of the newest official SDK
// (trycourier/courier-node src/resources/automations/automations.ts).

/** GET /automations: the template fixtures, as published templates (the emulator has no drafts). */
export interface AutomationTemplateListResponse {
  /** present when there is a next page: pass back as `cursor` */
  cursor?: string;
  templates?: Array<{ id: string; name: string; version: 'published' | 'draft'; createdAt?: string; updatedAt?: string }>;
}

/** GET /automations/runs query: comma-separated `status` / `template_id`; ISO 8601 date or timestamp bounds. */
export interface RunListParams {
  cursor?: string;
  end_date?: string;
  /** 1..50 (clamped), default 20 */
  limit?: string;
  start_date?: string;
  status?: string;
  template_id?: string;
}

export interface AutomationRunListItem {
  run_id: string;
  /** ["invoke/<template_id>"] or ["invoke/ad-hoc"] */
  source: string[];
  created_at?: string;
  /** the dry run's status: PROCESSING, WAITING, PROCESSED, CANCELED or ERROR */
  status?: string;
  template_id?: string;
}

/** GET /automations/runs: newest first. */
export interface AutomationRunListResponse {
  runs: AutomationRunListItem[];
  /** absent on the last page */
  next_cursor?: string;
}

/** One step the run has reached. */
export interface AutomationRunStep {
  action: string;
  /** the dry run's step status */
  status: string;
  created_at?: string;
  /** on a step that produced messages: "<run_id>-m<index>" */
  message_id?: string;
  /** "<run_id>-s<index>" */
  step_id?: string;
  updated_at?: string;
}

/** GET /automations/runs/{id}/steps (not paged). */
export interface AutomationRunStepsResponse {
  steps: AutomationRunStep[];
}

/**
 * Starts a local emulator of POST /automations/invoke and /automations/{templateId}/invoke, and
 * of the SDK's reads GET /automations, /automations/runs and /automations/runs/{id}/steps.
 */
export function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator>;
