/**
 * A CI-sized resume soak: 50 join → socket drop → resume → leave cycles (a few with transports and
 * a producer kept across the drop) leave nothing behind: /stats at zero, the media workers' own
 * dumps empty, no resume token, grace timer or live meeting held. `bench/resumeSoak.ts` runs the
 * same with 200 cycles and reports memory.
 */
import { describe, expect, it } from 'vitest';
import { runResumeSoak } from '@/bench/lib/resumeSoak';
import { IDLE_ACTIVITY } from '@/tests/support/standaloneServer';
import { startTestServer } from '@/tests/support/testServer';

describe('resume soak', () => {
  it('50 drop-and-resume cycles leak nothing', { timeout: 120_000 }, async () => {
    const r = await runResumeSoak({ cycles: 50, mediaCycles: 5, warmup: 4, startServer: startTestServer });
    expect(r.resumedAfterDrop).toBe(50);
    expect(r.stats).toEqual(IDLE_ACTIVITY);
    expect(r.workerLeftovers).toBe(0);
    expect(r.resumeEntries).toBe(0);
    expect(r.leakedObjects).toBe(0);
  });
});
