import { describe, expect, it } from 'vitest';
import type { RecoveryStatus } from '@/lib/client/callTypes';
import { callStatus } from './callStatusText';

const none: RecoveryStatus = { phase: 'none', serverRestart: false, failures: 0 };

describe('callStatus', () => {
  it('shows nothing in a healthy call, nor during a short resume', () => {
    expect(callStatus('joined', none, false).text).toBeNull();
    expect(callStatus('joined', { ...none, phase: 'resuming' }, false)).toMatchObject({
      text: null,
      recovering: false,
    });
  });

  it('says "Reconnecting…" once a resume lasts, with the attempt number after a failure', () => {
    const resuming: RecoveryStatus = { ...none, phase: 'resuming' };
    expect(callStatus('joined', resuming, true)).toEqual({
      text: 'Reconnecting…',
      recovering: true,
      canRetryNow: true,
    });
    expect(callStatus('joined', { ...resuming, failures: 2 }, true).text).toBe('Reconnecting… attempt 3');
  });

  it('says "Reconnecting…" while joining again, whatever the call state says', () => {
    const rejoining: RecoveryStatus = { ...none, phase: 'rejoining', failures: 1 };
    expect(callStatus('joining', rejoining, false).text).toBe('Reconnecting… attempt 2');
    expect(callStatus('reconnecting', rejoining, false).recovering).toBe(true);
  });

  it('names a server restart, and offers no retry before the server actually goes', () => {
    const announced: RecoveryStatus = { phase: 'server-restarting', serverRestart: true, failures: 0 };
    expect(callStatus('joined', announced, false)).toEqual({
      text: 'The server is restarting. Reconnecting…',
      recovering: true,
      canRetryNow: false,
    });
    const rejoining: RecoveryStatus = { phase: 'rejoining', serverRestart: true, failures: 3 };
    expect(callStatus('closed', rejoining, false)).toEqual({
      text: 'The server is restarting. Reconnecting… attempt 4',
      recovering: true,
      canRetryNow: true,
    });
  });

  it('keeps the joining and failed texts', () => {
    expect(callStatus('joining', none, false).text).toBe('Joining…');
    expect(callStatus('failed', none, false).text).toBe('Disconnected');
  });
});
