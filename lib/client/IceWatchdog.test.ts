/**
 * The ICE repair decisions, driven by a transport's connection states as mediasoup-client reports
 * them (the repairs themselves run against a real server in the CallClient tests).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IceWatchdog, repairAction, type IceWatchdogHost } from './IceWatchdog';

describe('repairAction', () => {
  it('waits out a short disconnection, restarts ICE after 2 s or on failure, then recreates', () => {
    expect(repairAction('connected', 0, 0)).toBe('none');
    expect(repairAction('connecting', 0, 0)).toBe('none');
    expect(repairAction('disconnected', 1_999, 0)).toBe('wait');
    expect(repairAction('disconnected', 2_000, 0)).toBe('restart-ice');
    expect(repairAction('failed', 0, 0)).toBe('restart-ice');
    expect(repairAction('failed', 0, 1)).toBe('recreate');
    expect(repairAction('disconnected', 5_000, 1)).toBe('recreate');
  });
});

function fakeHost(overrides: Partial<IceWatchdogHost> = {}) {
  const calls: string[] = [];
  let online = true;
  const host: IceWatchdogHost = {
    canRepair: () => online,
    restartIce: async () => {
      calls.push('restart-ice');
    },
    recreate: async () => {
      calls.push('recreate');
    },
    failed: (err) => calls.push(`failed: ${err instanceof Error ? err.message : String(err)}`),
    ...overrides,
  };
  return { host, calls, setOnline: (v: boolean) => (online = v) };
}

describe('IceWatchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('repairs a transport that stays connecting (recreated while the network was down)', async () => {
    const { host, calls } = fakeHost();
    const dog = new IceWatchdog(host);
    dog.update('connecting');
    await vi.advanceTimersByTimeAsync(7_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(calls).toEqual(['restart-ice']);
  });

  it('leaves a transport that connects in time alone', async () => {
    const { host, calls } = fakeHost();
    const dog = new IceWatchdog(host);
    dog.update('connecting');
    await vi.advanceTimersByTimeAsync(1_000);
    dog.update('connected');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toEqual([]);
  });

  it('does nothing for a disconnection that heals within 2 s', async () => {
    const { host, calls } = fakeHost();
    const dog = new IceWatchdog(host);
    dog.update('connected');
    dog.update('disconnected');
    await vi.advanceTimersByTimeAsync(1_500);
    dog.update('connected');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([]);
  });

  it('restarts ICE once a disconnection lasts 2 s', async () => {
    const { host, calls } = fakeHost();
    const dog = new IceWatchdog(host);
    dog.update('connected');
    dog.update('disconnected');
    await vi.advanceTimersByTimeAsync(1_900);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls).toEqual(['restart-ice']);
    dog.update('connected');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(calls).toEqual(['restart-ice']);
  });

  it('restarts ICE at once on failed, and recreates when it fails again after the restart', async () => {
    const { host, calls } = fakeHost();
    const dog = new IceWatchdog(host);
    dog.update('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['restart-ice']);
    dog.update('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['restart-ice', 'recreate']);
  });

  it('recreates the transport when the ICE restart request fails', async () => {
    const { host, calls } = fakeHost({
      restartIce: () => Promise.reject(new Error('no such transport')),
    });
    const dog = new IceWatchdog(host);
    dog.update('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['failed: no such transport', 'recreate']);
  });

  it('recreates when the transport is still not connected 10 s after a restart', async () => {
    const { host, calls } = fakeHost();
    const dog = new IceWatchdog(host);
    dog.update('failed');
    await vi.advanceTimersByTimeAsync(0);
    dog.update('connecting');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(calls).toEqual(['restart-ice']);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(calls).toEqual(['restart-ice', 'recreate']);
  });

  it('waits for signaling before repairing, then repairs on check()', async () => {
    const { host, calls, setOnline } = fakeHost();
    setOnline(false);
    const dog = new IceWatchdog(host);
    dog.update('failed');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual([]);
    setOnline(true);
    dog.check();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['restart-ice']);
  });

  it('stops once closed', async () => {
    const { host, calls } = fakeHost();
    const dog = new IceWatchdog(host);
    dog.update('disconnected');
    dog.close();
    await vi.advanceTimersByTimeAsync(5_000);
    dog.update('failed');
    expect(calls).toEqual([]);
  });
});
