/**
 * Where a peer's notifications go while it has no socket (its signaling dropped, or a new socket
 * is taking it over). They are dropped: the resume snapshot re-syncs everything the server holds
 * in memory (peers, producers, hands, roles, meeting flags, waiting room, active speaker). Chat
 * is the exception: messages are kept (bounded) so the snapshot has those sent while the chat
 * history was being read. Cutting the connection off (removal, end of the meeting) ends the
 * grace at once.
 */
import type { ChatMessage } from '@/lib/protocol';
import type { Notify, PeerConnection } from '@/lib/sfu/Peer';

/** Most chat messages kept for one absent peer (as many as a join's chat history). */
export const MAX_KEPT_CHAT = 200;

export class DetachedConnection implements PeerConnection {
  readonly #chat: ChatMessage[] = [];
  readonly #onDisconnect: () => void;

  constructor(onDisconnect: () => void) {
    this.#onDisconnect = onDisconnect;
  }

  /** Chat messages sent while the peer was away, oldest first. */
  get chat(): readonly ChatMessage[] {
    return this.#chat;
  }

  readonly notify: Notify = (event, ...args) => {
    if (event !== 'chatMessage') return;
    this.#chat.push(args[0] as ChatMessage);
    if (this.#chat.length > MAX_KEPT_CHAT) this.#chat.shift();
  };

  disconnect(): void {
    this.#onDisconnect();
  }
}
