/**
 * A minimal, typed event emitter for browser code. `Events` maps each event name to the tuple
 * of arguments its listeners receive. Listener errors are caught and reported on the console
 * so one faulty subscriber cannot break the emitter (or the media flow that emits).
 */
export type EventMap = { [event: string]: unknown[] };
export type Listener<Args extends unknown[]> = (...args: Args) => void;

type ListenerSets<Events extends EventMap> = { [E in keyof Events]?: Set<Listener<Events[E]>> };

export class TypedEmitter<Events extends EventMap> {
  private listeners: ListenerSets<Events> = {};

  /** Subscribes; returns a function that unsubscribes (handy as a React effect cleanup). */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    const set = this.listeners[event] ?? new Set<Listener<Events[E]>>();
    set.add(listener);
    this.listeners[event] = set;
    return () => this.off(event, listener);
  }

  /** Subscribes for a single emission. */
  once<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    const off = this.on(event, (...args: Events[E]) => {
      off();
      listener(...args);
    });
    return off;
  }

  off<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    const set = this.listeners[event];
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) delete this.listeners[event];
  }

  /** Removes every listener of one event, or of all events when called without an argument. */
  removeAllListeners(event?: keyof Events): void {
    if (event === undefined) this.listeners = {};
    else delete this.listeners[event];
  }

  listenerCount(event: keyof Events): number {
    return this.listeners[event]?.size ?? 0;
  }

  protected emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    const set = this.listeners[event];
    if (!set) return;
    // Copy first: a listener may unsubscribe (itself or others) while we iterate.
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (err) {
        console.error(`[TypedEmitter] listener for "${String(event)}" threw`, err);
      }
    }
  }
}
