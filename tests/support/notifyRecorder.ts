/** A `Notify` callback for Room/Peer tests that records every notification sent to one peer. */
import type { Notify } from '@/lib/sfu/Peer';
import type { ServerToClientEvents } from '@/lib/protocol';

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export interface NotifyRecorder {
  notify: Notify;
  /** Every notification, in order. */
  readonly events: Array<{ event: EventName; payload: unknown }>;
  /** The payloads of one kind of notification, in order. */
  of<E extends EventName>(event: E): Array<Payload<E>>;
  /** Event names in order (handy for asserting sequences). */
  names(): EventName[];
}

export function notifyRecorder(): NotifyRecorder {
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const notify: Notify = (event, ...args) => {
    events.push({ event, payload: args[0] });
  };
  return {
    notify,
    events,
    of: <E extends EventName>(event: E) =>
      events.filter((e) => e.event === event).map((e) => e.payload as Payload<E>),
    names: () => events.map((e) => e.event),
  };
}
