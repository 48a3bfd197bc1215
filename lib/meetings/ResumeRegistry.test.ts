import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResumeRegistry } from './ResumeRegistry';

const alice = { tokenMeetingId: 'mtg-1', participantId: 'alice' };
const bob = { tokenMeetingId: 'mtg-1', participantId: 'bob' };

afterEach(() => {
  vi.useRealTimers();
});

describe('ResumeRegistry', () => {
  it('issues unguessable single-use tokens bound to the meeting token’s participant', () => {
    const r = new ResumeRegistry<object>({ graceMs: 30_000 });
    const member = {};
    const info = r.issue(member, { ...alice, peerId: 'p1' });
    expect(info?.resumeGraceS).toBe(30);
    expect(Buffer.from(info?.resumeToken ?? '', 'base64url')).toHaveLength(32);
    const token = info?.resumeToken ?? '';
    expect(r.check(token, bob)).toBe('wrong-participant');
    expect(r.check(token, { tokenMeetingId: 'mtg-2', participantId: 'alice' })).toBe('wrong-meeting');
    expect(r.check(token, { tokenMeetingId: null, participantId: 'alice' })).toBe('wrong-meeting');
    expect(r.take(token, alice)).toEqual({ ok: true, member, peerId: 'p1' });
    expect(r.take(token, alice)).toEqual({ ok: false, reason: 'unknown-token' });
  });

  it('a new token voids the previous one; forget voids all', () => {
    const r = new ResumeRegistry<object>({ graceMs: 30_000 });
    const member = {};
    const first = r.issue(member, { ...alice, peerId: 'p1' })?.resumeToken ?? '';
    const second = r.issue(member, { ...alice, peerId: 'p1' })?.resumeToken ?? '';
    expect(r.check(first, alice)).toBe('unknown-token');
    expect(r.check(second, alice)).toBeNull();
    r.forget(member);
    expect(r.check(second, alice)).toBe('unknown-token');
    expect(r.size).toBe(0);
  });

  it('the grace ends with onExpire and a void token, unless the member resumed first', () => {
    vi.useFakeTimers();
    const r = new ResumeRegistry<object>({ graceMs: 1_000 });
    const gone = {};
    const back = {};
    const goneToken = r.issue(gone, { ...alice, peerId: 'p1' })?.resumeToken ?? '';
    const backToken = r.issue(back, { ...bob, peerId: 'p2' })?.resumeToken ?? '';
    const expired: object[] = [];
    r.startGrace(gone, () => expired.push(gone));
    r.startGrace(back, () => expired.push(back));
    expect(r.waiting).toBe(2);
    expect(r.take(backToken, bob).ok).toBe(true);
    vi.advanceTimersByTime(1_001);
    expect(expired).toEqual([gone]);
    expect(r.check(goneToken, alice)).toBe('unknown-token');
    expect(r.waiting).toBe(0);
    expect(r.size).toBe(1);
  });

  it('anonymous tokens resume only anonymous connections; off with a zero grace; close clears timers', () => {
    const r = new ResumeRegistry<object>({ graceMs: 5_000 });
    const member = {};
    const anon = { tokenMeetingId: null, participantId: 'random-1' };
    const token = r.issue(member, { ...anon, peerId: 'p' })?.resumeToken ?? '';
    expect(r.check(token, { tokenMeetingId: null, participantId: 'random-2' })).toBeNull();
    expect(r.check(token, alice)).toBe('wrong-meeting');
    r.startGrace(member, () => {
      throw new Error('must not run after close');
    });
    expect(r.close()).toEqual([member]);
    expect(r.size).toBe(0);
    expect(r.enabled).toBe(false);
    expect(new ResumeRegistry<object>({ graceMs: 0 }).issue({}, { ...alice, peerId: 'p' })).toBeUndefined();
  });
});
