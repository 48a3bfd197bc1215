/** The IPC messages between bench/joins.ts and its joining processes (joinerProcess.ts). */

/** Time spent in each part of the joins, summed over participants (ms). */
export interface JoinPhases {
  token: number;
  connect: number;
  join: number;
  transport: number;
}

export type JoinerCommand =
  | { type: 'join'; url: string; joins: Array<{ meetingId: string; userId: string }>; concurrency: number }
  | { type: 'close' };

export type JoinerReply =
  | { type: 'ready' }
  | { type: 'joined'; joined: number; errors: string[]; phases: JoinPhases }
  | { type: 'closed' }
  | { type: 'error'; message: string };
