import { describe, expect, it } from 'vitest';
import { ErrorCode, ProtocolError } from '@/lib/protocol';
import { LiveMeeting, MAX_WAITING } from './LiveMeeting';

function hosted(): LiveMeeting {
  return new LiveMeeting({
    id: 'm-1',
    ownerId: 'owner',
    title: 'Test',
    endedAt: null,
    settings: {
      waitingRoom: true,
      locked: false,
      maxParticipants: 10,
      guestsCanShare: true,
      allowRecording: true,
    },
  });
}

describe('LiveMeeting', () => {
  it('changes its state only through methods, each with its event', () => {
    const m = hosted();
    const events: unknown[][] = [];
    for (const name of [
      'lobbyChanged',
      'admitted',
      'denied',
      'flagsChanged',
      'roleChanged',
      'removed',
      'ended',
    ] as const) {
      m.on(name, (...args: unknown[]) => events.push([name, ...args]));
    }
    m.wait('g1', 'Guest 1');
    m.wait('g2', 'Guest 2');
    m.admit('g1');
    m.deny('g2', 'no');
    m.lock(true);
    m.setRole('g1', 'cohost');
    m.remove('g1', 'bye');
    m.end();
    expect(events.map((e) => e[0])).toEqual([
      'lobbyChanged',
      'lobbyChanged',
      'admitted',
      'lobbyChanged',
      'denied',
      'lobbyChanged',
      'flagsChanged',
      'roleChanged',
      'removed',
      'ended',
    ]);
    expect(m.locked).toBe(true);
    expect(m.ended).toBe(true);
    expect(m.roleOf('g1', 'guest')).toBe('guest');
    expect(m.lobbyEntries()).toEqual([]);
  });

  it('admits on a rejoin whom it let in, until they are removed', () => {
    const m = hosted();
    const input = { role: 'guest' as const, participantId: 'g', revoked: false, participants: 1 };
    expect(m.admission(input).kind).toBe('wait');
    m.wait('g', 'G');
    m.admit('g');
    expect(m.admission(input).kind).toBe('join');
    m.remove('g', 'gone');
    expect(m.admission(input).kind).toBe('wait');
  });

  it('keeps a waiter’s place on a second wait, and bounds its waiting room', () => {
    const m = hosted();
    for (let i = 0; i < MAX_WAITING; i++) m.wait(`g${i}`, `Guest ${i}`);
    const since = m.lobbyEntries()[0]!.since;
    m.wait('g0', 'Guest 0 again');
    expect(m.lobbyEntries()[0]).toMatchObject({ participantId: 'g0', since });
    let refused: unknown;
    try {
      m.wait('one-too-many', 'X');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(ProtocolError);
    expect((refused as ProtocolError).code).toBe(ErrorCode.LIMIT_REACHED);
    expect(m.lobbyEntries()).toHaveLength(MAX_WAITING);
  });

  it('is idle only when no membership holds it and nobody waits', () => {
    const m = hosted();
    const holder = {};
    expect(m.idle).toBe(true);
    m.hold(holder);
    expect(m.idle).toBe(false);
    m.unhold(holder);
    m.wait('g', 'G');
    expect(m.idle).toBe(false);
    m.stopWaiting('g');
    expect(m.idle).toBe(true);
  });

  it('answers NOT_FOUND for someone who is not waiting', () => {
    const m = hosted();
    expect(() => m.admit('nobody')).toThrow(ProtocolError);
    expect(() => m.deny('nobody', 'x')).toThrow('no longer waiting');
  });
});
