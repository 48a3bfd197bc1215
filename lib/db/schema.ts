/**
 * Table types as the application sees them (camelCase; the CamelCasePlugin maps them to the
 * snake_case columns created in migrations.ts). Timestamps are epoch milliseconds and booleans
 * are stored as 0/1 integers on both engines; the repositories convert them.
 */
import type { Generated, Kysely } from 'kysely';

export interface UsersTable {
  id: string;
  /** Always lowercased. */
  email: string;
  passwordHash: string;
  displayName: string;
  createdAt: number;
}

export interface AuthSessionsTable {
  /** SHA-256 (hex) of the session token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface MeetingsTable {
  /** The meeting code, e.g. abc-defg-hij. */
  id: string;
  /** Null for an open ad-hoc meeting without a host. */
  ownerId: string | null;
  title: string;
  scheduledAt: number | null;
  createdAt: number;
  endedAt: number | null;
  waitingRoom: number;
  locked: number;
  maxParticipants: number;
  guestsCanShare: number;
  allowRecording: number;
}

export interface AttendanceTable {
  id: Generated<number>;
  meetingId: string;
  participantId: string;
  displayName: string;
  userId: string | null;
  role: string;
  joinedAt: number;
  leftAt: number | null;
}

export interface ChatMessagesTable {
  id: Generated<number>;
  meetingId: string;
  senderId: string;
  senderName: string;
  text: string;
  createdAt: number;
}

export interface RevocationsTable {
  meetingId: string;
  participantId: string;
  revokedAt: number;
}

export interface RecordingsTable {
  id: string;
  meetingId: string;
  /** Display name of who started it. */
  startedBy: string;
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  sizeBytes: number | null;
  /** recording | finishing | ready | failed */
  state: string;
  /** mp4 */
  format: string;
  /** Where the file is in the recordings storage (a relative path on local disk). */
  storageKey: string;
  error: string | null;
}

export interface DatabaseSchema {
  users: UsersTable;
  authSessions: AuthSessionsTable;
  meetings: MeetingsTable;
  attendance: AttendanceTable;
  chatMessages: ChatMessagesTable;
  revocations: RevocationsTable;
  recordings: RecordingsTable;
}

/** The query builder every repository function takes as its first argument. */
export type Db = Kysely<DatabaseSchema>;

export type Engine = 'sqlite' | 'postgres';
