/**
 * Session resume on the signaling side: the handshake's resume token is checked against the
 * connection's meeting token (`resumeCheck`), a new socket takes a kept peer over (`takeOver`),
 * a dropped socket starts the grace period (`holdAfterDrop`), and the resumed socket gets its
 * snapshot as its first packet (`sendSnapshot`).
 */
import { isModerator } from '@/lib/meetings/permissions';
import type { Membership } from '@/lib/meetings/Membership';
import type { MeetingRecords } from '@/lib/meetings/records';
import type { ResumeOwner, ResumeRegistry } from '@/lib/meetings/ResumeRegistry';
import { turnCredentials } from '@/lib/auth/turnCredentials';
import type { Config } from '@/lib/config';
import type { ChatMessage, ResumeSnapshot } from '@/lib/protocol';
import type { PeerConnection } from '@/lib/sfu/Peer';
import { toProducerInfo } from '@/lib/sfu/wireInfo';
import { DetachedConnection } from './DetachedConnection';
import type { Identity } from './identity';
import type { TypedSocket } from './session';

export type Resumes = ResumeRegistry<Membership>;

/** Chat messages a snapshot carries (as many as a join's history). */
const SNAPSHOT_CHAT = 200;

/**
 * Why a socket went away. The client leaving on purpose, or the server cutting it, ends the
 * membership at once; a network failure keeps it for the grace period.
 */
const TRANSIENT_REASONS = new Set(['transport close', 'ping timeout', 'transport error', 'parse error']);

export function isTransientDrop(reason: string): boolean {
  return TRANSIENT_REASONS.has(reason);
}

export function resumeOwner(identity: Pick<Identity, 'meetingId' | 'participantId'>): ResumeOwner {
  return { tokenMeetingId: identity.meetingId, participantId: identity.participantId };
}

/** What the handshake says about a resume: nothing asked, a token to take, or why it cannot resume. */
export type ResumeRequest = { token: string } | { rejected: string } | undefined;

/** Reads `auth.resume` and checks it now (the meeting token was verified just before). */
export function resumeRequest(auth: unknown, identity: Identity, resumes: Resumes): ResumeRequest {
  const token = typeof auth === 'object' && auth !== null ? (auth as { resume?: unknown }).resume : undefined;
  if (token === undefined) return undefined;
  if (typeof token !== 'string' || token.length < 16 || token.length > 256) return { rejected: 'malformed' };
  if (!resumes.enabled) return { rejected: 'resume-off' };
  const reason = resumes.check(token, resumeOwner(identity));
  return reason === null ? { token } : { rejected: reason };
}

/** Ends a kept membership: the peer leaves normally. */
export function endMembership(membership: Membership, resumes: Resumes): void {
  resumes.forget(membership);
  membership.leave();
}

/**
 * A new socket claims the peer behind `token`: the member's notifications are held back until
 * `sendSnapshot`, and a socket still bound to it (one whose death the server has not noticed
 * yet, or another tab of the same client) is cut. Returns the member, or why it cannot resume.
 */
export function takeOver(
  token: string,
  identity: Identity,
  resumes: Resumes,
): { ok: true; membership: Membership } | { ok: false; reason: string } {
  const claim = resumes.take(token, resumeOwner(identity));
  if (!claim.ok) return claim;
  const membership = claim.member;
  if (!membership.present || membership.present.peer.id !== claim.peerId) {
    // Nobody else will end a membership that has no socket: do it now.
    if (membership.connection instanceof DetachedConnection) endMembership(membership, resumes);
    return { ok: false, reason: 'left' };
  }
  const previous = membership.connection;
  if (!(previous instanceof DetachedConnection)) {
    membership.attach(new DetachedConnection(() => endMembership(membership, resumes)));
    previous.disconnect();
  }
  return { ok: true, membership };
}

/**
 * The socket dropped without saying goodbye: keep the peer for the grace period (the others see
 * it reconnecting). Returns false when there is nothing to keep (the caller ends the membership).
 */
export function holdAfterDrop(membership: Membership, resumes: Resumes): boolean {
  const present = membership.present;
  if (!present) return false;
  if (!resumes.startGrace(membership, () => membership.leave())) return false;
  membership.attach(new DetachedConnection(() => endMembership(membership, resumes)));
  present.room.setReconnecting(present.peer, true);
  return true;
}

/**
 * Binds the member to `socket` and sends `sessionResumed` with everything to re-sync from, or
 * `resumeRejected` if the peer went in the meantime (the socket then joins from scratch).
 */
export async function sendSnapshot(
  socket: TypedSocket,
  binding: PeerConnection,
  membership: Membership,
  deps: { resumes: Resumes; records: MeetingRecords; turn: Config['turn'] },
): Promise<void> {
  const callId = membership.present?.room.callId;
  const history = callId
    ? await deps.records.listChatMessages(callId, SNAPSHOT_CHAT).catch((err: unknown) => {
        membership.log.error({ err }, 'reading chat for a resume failed');
        return [];
      })
    : [];
  const away = membership.connection;
  membership.attach(binding);
  const present = membership.present;
  if (!present) {
    deps.resumes.forget(membership);
    membership.leave();
    socket.emit('resumeRejected', { reason: 'left' });
    return;
  }
  const { room, peer, meeting } = present;
  const kept = away instanceof DetachedConnection ? away.chat : [];
  const next = deps.resumes.issue(membership, {
    ...resumeOwner(membershipIdentity(membership)),
    peerId: peer.id,
  });
  const snapshot: ResumeSnapshot = {
    resumeToken: next?.resumeToken ?? '',
    resumeGraceS: next?.resumeGraceS ?? 0,
    peerId: peer.id,
    self: { participantId: peer.participantId, role: peer.role, handRaised: peer.handRaised },
    peers: room.peerInfos(peer),
    producers: room.producerInfos(peer),
    meeting: meeting.flags(),
    chat: mergeChat(history, kept),
    lobby: isModerator(peer.role) ? meeting.lobbyEntries() : [],
    activeSpeakerPeerId: room.activeSpeakerPeerId,
    ice: turnCredentials(deps.turn, peer.participantId),
    own: {
      transportIds: [...peer.transports.keys()],
      producers: [...peer.producers.values()].map((p) => toProducerInfo(peer, p)),
      consumerIds: [...peer.consumers.keys()],
    },
  };
  socket.emit('sessionResumed', snapshot);
  room.setReconnecting(peer, false);
  membership.log.debug('session resumed');
}

function membershipIdentity(membership: Membership): Pick<Identity, 'meetingId' | 'participantId'> {
  return { meetingId: membership.identity.meetingId, participantId: membership.identity.participantId };
}

/** The history plus messages kept while away, by id, oldest first, at most SNAPSHOT_CHAT. */
function mergeChat(history: ChatMessage[], kept: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const m of [...history, ...kept]) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt).slice(-SNAPSHOT_CHAT);
}
