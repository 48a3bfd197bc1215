/** The remote peers of the current room session, as the UI sees them. */
import type { PeerInfo } from '@/lib/protocol';
import type { RemotePeer } from './callTypes';

export interface PeerDirectoryHost {
  /** This client's own peer id (never listed), or null when not in a room. */
  ownPeerId(): string | null;
  added(peer: RemotePeer): void;
  removed(peer: RemotePeer): void;
}

export class PeerDirectory {
  readonly #host: PeerDirectoryHost;
  readonly #peers = new Map<string, RemotePeer>();

  constructor(host: PeerDirectoryHost) {
    this.#host = host;
  }

  /** Copies, in join order. */
  get list(): RemotePeer[] {
    return [...this.#peers.values()].map((p) => ({ ...p }));
  }

  /** Adds a peer once; ignored outside a room and for this client itself. */
  add(peer: PeerInfo): void {
    const own = this.#host.ownPeerId();
    if (own === null || peer.peerId === own || this.#peers.has(peer.peerId)) return;
    const added: RemotePeer = {
      peerId: peer.peerId,
      userId: peer.userId,
      role: peer.role ?? 'guest',
      handRaised: peer.handRaised ?? false,
      reconnecting: peer.reconnecting ?? false,
    };
    this.#peers.set(peer.peerId, added);
    this.#host.added({ ...added });
  }

  has(peerId: string): boolean {
    return this.#peers.has(peerId);
  }

  /** Records a peer's signaling state; returns whether it changed. */
  setReconnecting(peerId: string, reconnecting: boolean): boolean {
    const known = this.#peers.get(peerId);
    if (!known || known.reconnecting === reconnecting) return false;
    known.reconnecting = reconnecting;
    return true;
  }

  remove(peerId: string): void {
    const known = this.#peers.get(peerId);
    if (!known) return;
    this.#peers.delete(peerId);
    this.#host.removed({ ...known });
  }

  /** Forgets everyone (the session ended), announcing each removal. */
  clear(): void {
    for (const peerId of [...this.#peers.keys()]) this.remove(peerId);
  }
}
