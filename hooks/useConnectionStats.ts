'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { LOCAL_CAMERA, LOCAL_MIC, LOCAL_SCREEN, trackRegistry } from '@/lib/call/trackRegistry';
import {
  summarizePath,
  summarizeStats,
  type PathSummary,
  type StreamStats,
  type TrackLabel,
} from '@/lib/media/rtcStats';
import { useCallStore } from '@/lib/store/callStore';

/** What the poller needs from the call client. */
export interface StatsSource {
  getRecvStats(): Promise<RTCStatsReport | null>;
  getSendStats(): Promise<RTCStatsReport | null>;
}

export interface ConnectionStats {
  /** Sent streams first, then received ones. */
  rows: StreamStats[];
  sendPath: PathSummary | null;
  recvPath: PathSummary | null;
  /** Date.now() of the last poll, 0 before the first. */
  at: number;
}

export interface StatsDemand {
  /** How often to poll while this component is mounted. */
  intervalMs: number;
  /** Whether our own sending streams are wanted too (the received ones always are). */
  send: boolean;
}

/** The statistics panel: fresh numbers every 2 s, sending and receiving. */
export const PANEL_DEMAND: StatsDemand = { intervalMs: 2_000, send: true };
/** Tile indicators: received streams only, at a low rate. */
export const INDICATOR_DEMAND: StatsDemand = { intervalMs: 5_000, send: false };

const EMPTY: ConnectionStats = { rows: [], sendPath: null, recvPath: null, at: 0 };

/** Track id → whose stream it is, from the store and the track registry. */
function trackLabels(): Map<string, TrackLabel> {
  const labels = new Map<string, TrackLabel>();
  const local: Array<[string, string]> = [
    [LOCAL_CAMERA, 'camera'],
    [LOCAL_MIC, 'microphone'],
    [LOCAL_SCREEN, 'screen'],
  ];
  for (const [key, source] of local) {
    const track = trackRegistry.get(key);
    if (track) labels.set(track.id, { source });
  }
  for (const p of Object.values(useCallStore.getState().participants)) {
    for (const m of Object.values(p.media)) {
      const track = trackRegistry.get(m.consumerId);
      if (track)
        labels.set(track.id, { peerId: p.peerId, source: m.source ?? m.kind, consumerId: m.consumerId });
    }
  }
  return labels;
}

/**
 * One poller per call client, shared by every component that shows statistics. It polls at the
 * shortest interval any mounted component asks for and stops when none is left, so a call with
 * the panel closed only reads its receive transport every few seconds.
 */
function createPoller(source: StatsSource) {
  const demands = new Map<symbol, StatsDemand>();
  const listeners = new Set<() => void>();
  let snapshot = EMPTY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let interval = 0;
  let busy = false;
  let prevRecv: RTCStatsReport | null = null;
  let prevSend: RTCStatsReport | null = null;

  const wantsSend = () => [...demands.values()].some((d) => d.send);

  async function read(get: () => Promise<RTCStatsReport | null>): Promise<RTCStatsReport | null> {
    try {
      return await get();
    } catch {
      return null; // the transport closed between the check and the read
    }
  }

  async function poll(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      const send = wantsSend();
      const [recv, sent] = await Promise.all([
        read(() => source.getRecvStats()),
        send ? read(() => source.getSendStats()) : Promise.resolve(null),
      ]);
      if (demands.size === 0) return;
      const labels = trackLabels();
      snapshot = {
        rows: [
          ...(sent ? summarizeStats(sent, prevSend, labels) : []),
          ...(recv ? summarizeStats(recv, prevRecv, labels) : []),
        ],
        sendPath: sent ? summarizePath(sent) : null,
        recvPath: recv ? summarizePath(recv) : null,
        at: Date.now(),
      };
      prevRecv = recv;
      prevSend = sent;
      listeners.forEach((l) => l());
    } finally {
      busy = false;
    }
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (demands.size === 0) return;
    timer = setTimeout(() => {
      void poll().finally(schedule);
    }, interval);
  }

  /** Polls at once when the interval shortened (a panel opened), else keeps the running timer. */
  function reconfigure(): void {
    const before = interval;
    interval = demands.size > 0 ? Math.min(...[...demands.values()].map((d) => d.intervalMs)) : 0;
    if (!wantsSend()) prevSend = null;
    if (interval === 0) {
      if (timer) clearTimeout(timer);
      timer = null;
      prevRecv = null;
      snapshot = EMPTY;
    } else if (before === 0 || interval < before) {
      void poll().finally(schedule);
    } else if (interval !== before) {
      schedule();
    }
  }

  return {
    demand(d: StatsDemand): () => void {
      const key = Symbol('demand');
      demands.set(key, d);
      reconfigure();
      return () => {
        demands.delete(key);
        reconfigure();
      };
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: (): ConnectionStats => snapshot,
  };
}

type Poller = ReturnType<typeof createPoller>;
const pollers = new WeakMap<StatsSource, Poller>();

function pollerFor(source: StatsSource): Poller {
  let poller = pollers.get(source);
  if (!poller) {
    poller = createPoller(source);
    pollers.set(source, poller);
  }
  return poller;
}

const emptySnapshot = () => EMPTY;

/** Connection statistics of the call, polled while the calling component is mounted. */
export function useConnectionStats(source: StatsSource, demand: StatsDemand): ConnectionStats {
  const poller = pollerFor(source);
  const { intervalMs, send } = demand;
  useEffect(() => poller.demand({ intervalMs, send }), [poller, intervalMs, send]);
  return useSyncExternalStore(poller.subscribe, poller.snapshot, emptySnapshot);
}
