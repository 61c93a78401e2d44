/**
 * Flush on exit, shared by every client in the process and installed at most once (the state
 * lives on `globalThis` under a registered symbol, so even two copies of this package share it):
 *
 * - `beforeExit` (the event loop ran dry, e.g. a script reached its end): flush every client,
 *   waiting at most the largest `exitTimeoutMs`; the pending requests keep the process alive.
 * - `SIGTERM` / `SIGINT`: flush with the same deadline, then, if no one else listens to the
 *   signal, remove these listeners and re-raise it, so the process dies of the signal exactly as
 *   Node would have (exit status 128 + n in a shell). A second signal during the flush re-raises at
 *   once. If the application has its own handler, the signal is left to it: it should
 *   `await client.close()` before exiting.
 *
 * `process.exit()` and `kill -9` end the process without flushing.
 */
export interface ExitFlushable {
  /** Records buffered or in flight. */
  pending(): number;
  flush(): Promise<void>;
  readonly exitTimeoutMs: number;
}

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
type ExitSignal = (typeof SIGNALS)[number];
const SIGNAL_NUMBERS: Record<ExitSignal, number> = { SIGINT: 2, SIGTERM: 15 };

interface ExitState {
  readonly clients: Set<ExitFlushable>;
  installed: boolean;
  flushing: boolean;
  signalled: boolean;
  gaveUp: boolean;
  readonly onBeforeExit: () => void;
  readonly onSignal: (signal: NodeJS.Signals) => void;
}

const STATE_KEY = Symbol.for('@modelwatch/client/exit-flush');

/**
 * Registers `client` to be flushed when the process exits and returns the function that
 * unregisters it. Listeners are installed with the first client and removed with the last.
 */
export function registerExitFlush(client: ExitFlushable): () => void {
  if (typeof process === 'undefined' || typeof process.on !== 'function') return () => {};
  const state = exitState();
  state.clients.add(client);
  if (!state.installed) {
    state.installed = true;
    process.on('beforeExit', state.onBeforeExit);
    for (const signal of SIGNALS) process.on(signal, state.onSignal);
  }
  return () => {
    state.clients.delete(client);
    if (state.clients.size === 0) uninstall(state);
  };
}

function exitState(): ExitState {
  const holder = globalThis as { [STATE_KEY]?: ExitState };
  const existing = holder[STATE_KEY];
  if (existing !== undefined) return existing;
  const state: ExitState = {
    clients: new Set(),
    installed: false,
    flushing: false,
    signalled: false,
    gaveUp: false,
    onBeforeExit: () => {
      if (state.flushing || state.gaveUp) return;
      if (![...state.clients].some((c) => c.pending() > 0)) return;
      state.flushing = true;
      void flushAll(state).then((completed) => {
        state.flushing = false;
        // Out of time: let the next beforeExit end the process instead of trying forever.
        if (!completed) state.gaveUp = true;
      });
    },
    onSignal: (signal) => {
      const name = signal as ExitSignal;
      const alone = process.listenerCount(name) === 1;
      if (state.signalled) {
        // A second signal while flushing: the user insists.
        if (alone) reraise(state, name);
        return;
      }
      state.signalled = true;
      void flushAll(state).then(() => {
        state.signalled = false;
        if (alone) reraise(state, name);
      });
    },
  };
  holder[STATE_KEY] = state;
  return state;
}

/** Flushes every client; resolves true when all finished, false when the deadline came first. */
function flushAll(state: ExitState): Promise<boolean> {
  const clients = [...state.clients];
  const deadlineMs = Math.max(0, ...clients.map((c) => c.exitTimeoutMs));
  return new Promise((resolve) => {
    // A referenced timer: it keeps the event loop alive while the flush waits on unref'd timers.
    const deadline = setTimeout(() => resolve(false), deadlineMs);
    void Promise.allSettled(clients.map((c) => c.flush())).then(() => {
      clearTimeout(deadline);
      resolve(true);
    });
  });
}

function uninstall(state: ExitState): void {
  if (!state.installed) return;
  state.installed = false;
  process.removeListener('beforeExit', state.onBeforeExit);
  for (const signal of SIGNALS) process.removeListener(signal, state.onSignal);
}

function reraise(state: ExitState, signal: ExitSignal): void {
  uninstall(state);
  try {
    // With no listener left, Node restores the default action: the process dies of the signal.
    process.kill(process.pid, signal);
  } catch {
    process.exit(128 + SIGNAL_NUMBERS[signal]);
  }
}
