/**
 * What the meeting rules need from storage. The database layer implements it; the signaling
 * layer depends only on this interface.
 */
import type { ChatMessage, MeetingSettings, Role } from '@/lib/protocol';

export type { MeetingSettings };

export interface MeetingInfo {
  id: string;
  /** null: an open meeting started without an account; it has no host. */
  ownerId: string | null;
  title: string;
  endedAt: number | null;
  settings: MeetingSettings;
}

export interface MeetingRecords {
  getMeeting(id: string): Promise<MeetingInfo | null>;
  /** What an open (ownerless) meeting not yet stored would be, without storing anything. */
  draftOpenMeeting(id: string): MeetingInfo;
  /** Creates the record of an open (ownerless) meeting if none exists; returns the meeting. */
  ensureOpenMeeting(id: string): Promise<MeetingInfo>;
  setLocked(id: string, locked: boolean): Promise<void>;
  markEnded(id: string): Promise<void>;
  isRevoked(meetingId: string, participantId: string): Promise<boolean>;
  revoke(meetingId: string, participantId: string): Promise<void>;
  addChatMessage(m: {
    meetingId: string;
    senderId: string;
    senderName: string;
    text: string;
  }): Promise<ChatMessage>;
  listChatMessages(meetingId: string, limit: number): Promise<ChatMessage[]>;
  recordJoin(a: {
    meetingId: string;
    participantId: string;
    displayName: string;
    userId: string | null;
    role: Role;
  }): Promise<string>;
  recordLeave(attendanceId: string): Promise<void>;
}
