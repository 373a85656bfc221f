// What every route of the dashboard reads: the history store, the optional config, the token that
// guards state changes, and the live facts of the engine.
import type { ResolvedConfig } from '../config/types.js';
import type { HistoryStore } from '../history/history-store.js';
import type { LiveFactsProvider } from './live-facts.js';

export interface ServerContext {
  store: HistoryStore;
  /** The loaded imageforge.yaml, when `serve` was given one. */
  config: ResolvedConfig | undefined;
  /** Bearer token for state-changing routes; undefined disables them. */
  token: string | undefined;
  live: LiveFactsProvider;
}
