/**
 * server.ts unchanged, plus one hook for memory measurements: SIGUSR2 runs full garbage
 * collections (the process is started with --expose-gc), so the bench can read a settled RSS of
 * the app process from /proc without the app having a debug endpoint.
 */
process.on('SIGUSR2', () => {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
});
void import('../../server');
