/** MeetingRecords backed by the database layer (SQLite or PostgreSQL). */
import * as attendance from '@/lib/db/attendance';
import * as chat from '@/lib/db/chat';
import * as meetings from '@/lib/db/meetings';
import * as revocations from '@/lib/db/revocations';
import type { Db } from '@/lib/db/schema';
import type { ChatMessage } from '@/lib/protocol';
import type { MeetingInfo, MeetingRecords } from './records';

function toInfo(m: meetings.Meeting): MeetingInfo {
  return { id: m.id, ownerId: m.ownerId, title: m.title, endedAt: m.endedAt, settings: { ...m.settings } };
}

function toWire(m: chat.ChatMessage): ChatMessage {
  return {
    id: String(m.id),
    senderId: m.senderId,
    senderName: m.senderName,
    text: m.text,
    createdAt: m.createdAt,
  };
}

export function databaseRecords(db: Db): MeetingRecords {
  return {
    async getMeeting(id) {
      const m = await meetings.getMeeting(db, id);
      return m && toInfo(m);
    },
    draftOpenMeeting(id) {
      return { id, ownerId: null, title: '', endedAt: null, settings: meetings.defaultSettings(false) };
    },
    async ensureOpenMeeting(id) {
      return toInfo(await meetings.ensureMeeting(db, id));
    },
    async setLocked(id, locked) {
      const m = await meetings.getMeeting(db, id);
      if (m?.ownerId) await meetings.updateMeetingSettings(db, id, m.ownerId, { locked });
    },
    async markEnded(id) {
      await meetings.markMeetingEnded(db, id);
      await attendance.closeOpenAttendance(db, id);
    },
    isRevoked: (meetingId, participantId) => revocations.isRevoked(db, meetingId, participantId),
    revoke: (meetingId, participantId) => revocations.revokeParticipant(db, meetingId, participantId),
    async addChatMessage(m) {
      return toWire(await chat.addChatMessage(db, m));
    },
    async listChatMessages(meetingId, limit) {
      return (await chat.listChatMessages(db, meetingId, limit)).map(toWire);
    },
    async recordJoin(a) {
      return String(await attendance.recordJoin(db, a));
    },
    async recordLeave(id) {
      const n = Number(id);
      if (Number.isSafeInteger(n)) await attendance.recordLeave(db, n);
    },
  };
}
