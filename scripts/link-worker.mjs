// postinstall: when the install ran with MEDIASOUP_WORKER_BIN (a worker built by
// scripts/build-mediasoup-worker.sh), link that binary to where mediasoup looks by default,
// so the app finds it at run time without the variable. Without the variable, mediasoup's own
// postinstall has already fetched or built its worker and this does nothing.
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const bin = process.env.MEDIASOUP_WORKER_BIN;
const target = resolve('node_modules/mediasoup/worker/out/Release/mediasoup-worker');
if (bin && existsSync(bin) && existsSync('node_modules/mediasoup')) {
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { force: true });
  symlinkSync(resolve(bin), target);
  console.log(`[setup] mediasoup worker linked: ${target} -> ${bin}`);
}
