import { afterEach, describe, expect, it, vi } from 'vitest';
import { sfuFixture } from '@/tests/support/sfuFixture';
import { RoomRegistry } from './RoomRegistry';

const fx = await sfuFixture();
const { config, log, join } = fx;

describe('RoomRegistry', () => {
  const registries: RoomRegistry[] = [];
  afterEach(() => {
    for (const r of registries.splice(0)) r.closeAll('closed');
  });
  function registry(emptyRoomTimeoutMs = config.limits.emptyRoomTimeoutMs): RoomRegistry {
    const r = new RoomRegistry(
      fx.pool(),
      { ...config, limits: { ...config.limits, emptyRoomTimeoutMs } },
      log,
    );
    registries.push(r);
    return r;
  }

  it('getOrCreate returns the same Room for concurrent calls and opens one router', async () => {
    const reg = registry();
    const routersBefore = fx.pool().slots[0]!.routers;
    const [r1, r2, r3] = await Promise.all([
      reg.getOrCreate('same'),
      reg.getOrCreate('same'),
      reg.getOrCreate('same'),
    ]);
    expect(r1).toBe(r2);
    expect(r2).toBe(r3);
    expect(reg.size).toBe(1);
    expect(fx.pool().slots[0]!.routers).toBe(routersBefore + 1);
    expect(await reg.getOrCreate('same')).toBe(r1);
    expect(reg.has('same')).toBe(true);
    const other = await reg.getOrCreate('other');
    expect(other).not.toBe(r1);
    expect(reg.size).toBe(2);
  });

  it('closes a room when its last peer leaves and forgets it', async () => {
    const reg = registry();
    const room = await reg.getOrCreate('leaving');
    const a = join(room, 'alice');
    const b = join(room, 'bob');
    reg.markActive(room);
    room.leave(a.peer);
    expect(room.closed).toBe(false);
    expect(reg.get('leaving')).toBe(room);
    room.leave(b.peer);
    expect(room.closed).toBe(true);
    expect(room.router.closed).toBe(true);
    expect(reg.get('leaving')).toBeUndefined();
    expect(reg.has('leaving')).toBe(false);
    expect(reg.size).toBe(0);
    // The id can be used again: a fresh room.
    const again = await reg.getOrCreate('leaving');
    expect(again).not.toBe(room);
    expect(again.closed).toBe(false);
  });

  it('closes a room nobody joins after the idle timeout, but not a joined one', async () => {
    const reg = registry(150);
    const idle = await reg.getOrCreate('idle');
    const used = await reg.getOrCreate('used');
    join(used, 'alice');
    reg.markActive(used);
    await vi.waitFor(() => expect(idle.closed).toBe(true), { timeout: 2_000 });
    expect(reg.get('idle')).toBeUndefined();
    expect(used.closed).toBe(false);
    expect(reg.size).toBe(1);
  });

  it('keeps a room open while someone waits on the pre-join screen with a prepared join', async () => {
    const reg = registry(150);
    const room = await reg.getOrCreate('prejoin');
    const connection = { notify: () => undefined, disconnect: () => undefined };
    const staged = room.stage(connection, { participantId: 'p1', role: 'guest' });
    await new Promise((r) => setTimeout(r, 500));
    expect(room.closed).toBe(false);
    room.unstage(staged);
    await vi.waitFor(() => expect(room.closed).toBe(true), { timeout: 2_000 });
  });

  it('closeAll closes every room with the reason', async () => {
    const reg = registry();
    const r1 = await reg.getOrCreate('r1');
    const r2 = await reg.getOrCreate('r2');
    const a = join(r1, 'alice');
    reg.closeAll('server-shutdown');
    expect(r1.closed && r2.closed).toBe(true);
    expect(reg.size).toBe(0);
    expect(a.rec.of('roomClosed')).toEqual([{ callId: 'r1', reason: 'server-shutdown' }]);
  });

  it('leaves no routers on the worker once every room is closed', async () => {
    for (const r of registries.splice(0)) r.closeAll('closed');
    await vi.waitFor(async () => expect((await fx.pool().slots[0]!.worker.dump()).routerIds).toEqual([]));
    expect(fx.pool().slots[0]!.routers).toBe(0);
  });
});
