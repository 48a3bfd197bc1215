import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import type { RecoveryStatus } from '@/lib/client/callTypes';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import { callStatus, type CallStatus } from './callStatusText';

const none: RecoveryStatus = { phase: 'none', serverRestart: false, failures: 0 };

const english = createTranslator({ locale: 'en', messages: en, namespace: 'call' });
const german = createTranslator({ locale: 'de', messages: de, namespace: 'call' });

/** The status line as the header words it. */
function said(status: CallStatus, t = english): string | null {
  return status.line && t(status.line.key, status.line.values);
}

describe('callStatus', () => {
  it('shows nothing in a healthy call, nor during a short resume', () => {
    expect(callStatus('joined', none, false).line).toBeNull();
    expect(callStatus('joined', { ...none, phase: 'resuming' }, false)).toMatchObject({
      line: null,
      recovering: false,
    });
  });

  it('says "Reconnecting…" once a resume lasts, with the attempt number after a failure', () => {
    const resuming: RecoveryStatus = { ...none, phase: 'resuming' };
    const status = callStatus('joined', resuming, true);
    expect(status).toMatchObject({ recovering: true, canRetryNow: true });
    expect(said(status)).toBe('Reconnecting…');
    expect(said(callStatus('joined', { ...resuming, failures: 2 }, true))).toBe('Reconnecting… attempt 3');
  });

  it('says "Reconnecting…" while joining again, whatever the call state says', () => {
    const rejoining: RecoveryStatus = { ...none, phase: 'rejoining', failures: 1 };
    expect(said(callStatus('joining', rejoining, false))).toBe('Reconnecting… attempt 2');
    expect(callStatus('reconnecting', rejoining, false).recovering).toBe(true);
  });

  it('names a server restart, and offers no retry before the server actually goes', () => {
    const announced: RecoveryStatus = { phase: 'server-restarting', serverRestart: true, failures: 0 };
    const status = callStatus('joined', announced, false);
    expect(status).toMatchObject({ recovering: true, canRetryNow: false });
    expect(said(status)).toBe('The server is restarting. Reconnecting…');
    const rejoining: RecoveryStatus = { phase: 'rejoining', serverRestart: true, failures: 3 };
    const again = callStatus('closed', rejoining, false);
    expect(again).toMatchObject({ recovering: true, canRetryNow: true });
    expect(said(again)).toBe('The server is restarting. Reconnecting… attempt 4');
  });

  it('keeps the joining and failed texts', () => {
    expect(said(callStatus('joining', none, false))).toBe('Joining…');
    expect(said(callStatus('failed', none, false))).toBe('Disconnected');
  });

  it('says it in the reader’s language', () => {
    const rejoining: RecoveryStatus = { ...none, phase: 'rejoining', failures: 1 };
    expect(said(callStatus('joining', rejoining, false), german)).toBe(
      'Verbindung wird wiederhergestellt… Versuch 2',
    );
  });
});
