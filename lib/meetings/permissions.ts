/**
 * Who may do what in a meeting. The server checks every control request against this table;
 * the UI reads the same table only to decide which controls to show.
 */
import type { Role } from '@/lib/protocol';

export type MeetingAction =
  'admit' | 'mute-others' | 'remove' | 'lock' | 'end' | 'promote' | 'share-screen-always' | 'record';

const GRANTS: Record<Role, ReadonlySet<MeetingAction>> = {
  host: new Set<MeetingAction>([
    'admit',
    'mute-others',
    'remove',
    'lock',
    'end',
    'promote',
    'share-screen-always',
    'record',
  ]),
  // Co-hosts run the room with the host, but cannot end it or hand out roles.
  cohost: new Set<MeetingAction>(['admit', 'mute-others', 'remove', 'lock', 'share-screen-always', 'record']),
  guest: new Set<MeetingAction>(),
};

export function can(role: Role, action: MeetingAction): boolean {
  return GRANTS[role].has(action);
}

/** Hosts and co-hosts moderate; they skip the waiting room and the lock. */
export function isModerator(role: Role): boolean {
  return role === 'host' || role === 'cohost';
}
