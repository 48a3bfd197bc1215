/** CPU time of another process (a media worker) from /proc, Linux only. */
import fs from 'node:fs';
import { ticksFromStat, type CpuSample } from './benchMath';

export function cpuSample(pid: number): CpuSample {
  return { ticks: ticksFromStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')), atMs: performance.now() };
}

export function cpuSamples(pids: number[]): CpuSample[] {
  return pids.map(cpuSample);
}

/**
 * Nanoseconds the process has spent runnable but waiting for a CPU (second field of
 * /proc/<pid>/schedstat, summed over its threads' main one): how much other load delayed it.
 */
export function runQueueWaitNs(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
}
