/** The IPC messages between the bench and its viewer processes (subscriberProcess.ts). */

export interface ViewerTicket {
  token: string;
  meetingId: string;
  userId: string;
}

export interface ReceiverTotals {
  packetsReceived: number;
  packetsLost: number;
  bytesReceived: number;
  /** Viewers whose receive transport is connected (ICE + DTLS). */
  connected: number;
}

export type FleetCommand =
  | {
      type: 'join';
      url: string;
      tickets: ViewerTicket[];
      connectTimeoutMs: number;
      /** Ask for this spatial layer of every video (as a tile of that size would); top when absent. */
      videoLayer?: number;
    }
  | { type: 'totals' }
  | { type: 'close' };

export type FleetReply =
  | { type: 'ready' }
  | { type: 'joined'; viewers: number; connected: number }
  | { type: 'totals'; totals: ReceiverTotals }
  | { type: 'closed' }
  | { type: 'error'; message: string };
