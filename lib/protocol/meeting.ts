/** What a meeting is made of on the wire: roles, chat, reactions, settings, flags, close reasons. */
import { z } from 'zod';

export const CHAT_MAX_LENGTH = 2000;
/** Chat text: trimmed, 1-2000 characters. Rendered as text by clients, never as HTML. */
export const chatTextSchema = z.string().trim().min(1, 'empty message').max(CHAT_MAX_LENGTH);
export const REACTIONS = ['👍', '👏', '❤️', '😂', '😮', '🎉'] as const;
export type Reaction = (typeof REACTIONS)[number];
export const roleSchema = z.enum(['host', 'cohost', 'guest']);
export type Role = z.infer<typeof roleSchema>;

/** A meeting's settings, as stored and as edited on the dashboard. */
export interface MeetingSettings {
  waitingRoom: boolean;
  locked: boolean;
  maxParticipants: number;
  guestsCanShare: boolean;
  /** Hosts and co-hosts may record the meeting on the server. */
  allowRecording: boolean;
}

/** Why the server closed a room (`roomClosed`). */
export const ROOM_CLOSE_REASONS = ['worker-died', 'server-shutdown', 'closed'] as const;
export type RoomCloseReason = (typeof ROOM_CLOSE_REASONS)[number];

export interface ChatMessage {
  id: string;
  senderId: string;
  senderName: string;
  text: string;
  /** Epoch milliseconds. */
  createdAt: number;
}
export interface LobbyEntry {
  participantId: string;
  displayName: string;
  /** When they started waiting, epoch ms. */
  since: number;
}
export interface MeetingFlags {
  /** Whether the meeting has an owner (host controls exist); open meetings have none. */
  hosted: boolean;
  locked: boolean;
  waitingRoom: boolean;
  guestsCanShare: boolean;
  /** The meeting is being recorded now. */
  recording: boolean;
}
