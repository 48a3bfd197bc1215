/** Chat, raised hands and reactions: for people in the call (never for those still waiting). */
import type { MeetingRecords } from '@/lib/meetings/records';
import type { SocialRequest } from '@/lib/protocol';
import { spend, type SignalingRateLimits } from './rateLimits';
import { joined, type HandlerMap } from './session';

export function chatHandlers(deps: {
  records: MeetingRecords;
  rateLimits: SignalingRateLimits;
}): HandlerMap<SocialRequest> {
  return {
    sendChat: async (s, { text }) => {
      const { room, peer, meeting } = joined(s);
      await spend(deps.rateLimits.chat, peer.participantId, 'messages');
      const message = await deps.records.addChatMessage({
        meetingId: meeting.id,
        senderId: peer.participantId,
        senderName: peer.userId,
        text,
      });
      room.broadcast(peer, 'chatMessage', message);
      return { message };
    },

    raiseHand: (s, { raised }) => {
      const { room, peer } = joined(s);
      room.setHandRaised(peer, raised);
      return {};
    },

    sendReaction: async (s, { emoji }) => {
      const { room, peer } = joined(s);
      await spend(deps.rateLimits.reactions, peer.participantId, 'reactions');
      room.broadcast(peer, 'reaction', { peerId: peer.id, emoji });
      return {};
    },
  };
}
