import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import { reportText } from './report';
import { initialResults, type CheckId, type CheckResult, type CheckState } from './types';
import { verdict as verdictIn, type VerdictInput } from './verdict';

const english = { t: createTranslator({ locale: 'en', messages: en, namespace: 'diagnostics' }) };
const german = { t: createTranslator({ locale: 'de', messages: de, namespace: 'diagnostics' }) };

/** The verdict as an English page shows it. */
const verdict = (input: VerdictInput) => verdictIn(input, english);

function results(states: Partial<Record<CheckId, CheckState>>): CheckResult[] {
  return initialResults(english).map((r) => ({ ...r, state: states[r.id] ?? 'works', summary: 'x' }));
}

const ports = { udp: 40000, tcp: 40000 };

describe('verdict', () => {
  it('says every path works when all do', () => {
    expect(verdict({ results: results({}), mediaPorts: ports })).toBe('All connection paths work.');
  });

  it('says the direct paths work and that no relay is set up without TURN', () => {
    const text = verdict({ results: results({ turn: 'not configured' }), mediaPorts: ports });
    expect(text).toMatch(/^Direct connections work over UDP and TCP/);
    expect(text).toContain('No TURN relay is configured');
  });

  it('names the failing TURN relay while the direct paths work', () => {
    const text = verdict({ results: results({ turn: 'fails' }), mediaPorts: ports });
    expect(text).toMatch(/^Direct connections work over UDP and TCP/);
    expect(text).toContain('TURN fails');
  });

  it('says calls use TCP when UDP is blocked', () => {
    expect(verdict({ results: results({ udp: 'fails' }), mediaPorts: ports })).toMatch(
      /^UDP to the media port \(40000\) is blocked; TCP works, so calls will use TCP\./,
    );
  });

  it('says calls relay when UDP and TCP are blocked and TURN works', () => {
    expect(verdict({ results: results({ udp: 'fails', tcp: 'fails' }), mediaPorts: ports })).toBe(
      'UDP and TCP to the media server are blocked; TURN works, so calls will relay.',
    );
  });

  it('asks for the UDP port or TURN when nothing works', () => {
    const none = results({ udp: 'fails', tcp: 'fails', turn: 'not configured' });
    expect(verdict({ results: none, mediaPorts: ports })).toBe(
      'No media path works: ask your administrator to open UDP port 40000 or configure TURN.',
    );
    const broken = results({ udp: 'fails', tcp: 'fails', turn: 'fails' });
    expect(verdict({ results: broken, mediaPorts: { udp: null, tcp: null } })).toBe(
      'No media path works: ask your administrator to open the UDP media port or fix the TURN relay (it was tried and failed).',
    );
  });

  it('says the server cannot be reached, and what a failed camera or microphone means', () => {
    const text = verdict({
      results: results({ signaling: 'fails', camera: 'fails', microphone: 'fails' }),
      mediaPorts: ports,
    });
    expect(text).toMatch(/^The server cannot be reached/);
    expect(text).toContain('others will not see you');
    expect(text).toContain('others will not hear you');
  });
});

describe('verdict in German', () => {
  it('says calls use TCP when UDP is blocked, naming the port', () => {
    expect(verdictIn({ results: results({ udp: 'fails' }), mediaPorts: ports }, german)).toBe(
      'UDP zum Medien-Port (40000) ist blockiert; TCP funktioniert, Anrufe laufen also über TCP.',
    );
  });

  it('names the checks in German', () => {
    expect(initialResults(german).map((r) => r.label)).toEqual([
      'Kamera',
      'Mikrofon',
      'Signalisierung',
      'UDP',
      'TCP',
      'TURN',
    ]);
  });
});

describe('reportText', () => {
  it('lists the context, the verdict and every check with its figures', () => {
    const r = results({ turn: 'not configured' }).map((c) =>
      c.id === 'udp'
        ? {
            ...c,
            summary: '500 kbps',
            figures: {
              bitrateKbps: 500,
              lossPercent: 0,
              rttMs: 2,
              jitterMs: 1,
              candidateType: 'host',
              protocol: 'udp',
              serverProtocol: 'udp' as const,
              firstFrameMs: 420,
            },
          }
        : c,
    );
    const text = reportText({
      results: r,
      verdict: 'All good.',
      serverUrl: 'https://meet.example.org',
      userAgent: 'TestBrowser/1',
      startedAt: new Date('2026-01-01T10:00:00Z'),
      finishedAt: new Date('2026-01-01T10:00:20Z'),
      mediaPorts: ports,
    });
    expect(text).toContain('Time: 2026-01-01T10:00:20.000Z (took 20 s)');
    expect(text).toContain('Server: https://meet.example.org');
    expect(text).toContain('Media ports: UDP 40000, TCP 40000');
    expect(text).toContain('Browser: TestBrowser/1');
    expect(text).toContain('Verdict: All good.');
    expect(text).toContain(
      'UDP: works (500 kbps)\n  path: host/udp; server received over udp; first frame after 420 ms',
    );
    expect(text).toContain('TURN: not configured (x)');
  });
});
