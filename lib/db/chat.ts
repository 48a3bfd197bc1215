/** Meeting chat, kept so late joiners and people who rejoin see what was said. */
import type { Db } from '@/lib/db/schema';

export interface ChatMessage {
  id: number;
  meetingId: string;
  senderId: string;
  senderName: string;
  text: string;
  createdAt: number;
}

export type NewChatMessage = Omit<ChatMessage, 'id' | 'createdAt'>;

export const DEFAULT_CHAT_HISTORY = 200;

export async function addChatMessage(
  db: Db,
  message: NewChatMessage,
  now = Date.now(),
): Promise<ChatMessage> {
  const row = await db
    .insertInto('chatMessages')
    .values({ ...message, createdAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, ...message, createdAt: now };
}

/** The latest `limit` messages of a meeting, oldest first. */
export async function listChatMessages(
  db: Db,
  meetingId: string,
  limit = DEFAULT_CHAT_HISTORY,
): Promise<ChatMessage[]> {
  const rows = await db
    .selectFrom('chatMessages')
    .select(['id', 'meetingId', 'senderId', 'senderName', 'text', 'createdAt'])
    .where('meetingId', '=', meetingId)
    .orderBy('id', 'desc')
    .limit(Math.max(0, Math.floor(limit)))
    .execute();
  return rows.reverse();
}
