/** The plain-language conclusion of a connection test, from the state of each check. Pure. */
import type { CheckId, CheckResult, CheckState } from './types';

export interface VerdictInput {
  results: readonly CheckResult[];
  mediaPorts: { udp: number | null; tcp: number | null };
}

function portText(port: number | null): string {
  return port === null ? 'the media port' : `the media port (${port})`;
}

export function verdict({ results, mediaPorts }: VerdictInput): string {
  const state = (id: CheckId): CheckState | undefined => results.find((r) => r.id === id)?.state;
  const result = (id: CheckId) => results.find((r) => r.id === id);
  const sentences: string[] = [];

  if (state('signaling') === 'fails') {
    sentences.push(
      'The server cannot be reached, so no call can start: check your network, or ask your administrator whether the server is running.',
    );
  } else {
    const udp = state('udp') === 'works';
    const tcp = state('tcp') === 'works';
    const turn = state('turn');
    const udpPort = portText(mediaPorts.udp);
    if (udp && tcp && turn === 'works') sentences.push('All connection paths work.');
    else if (udp && tcp)
      sentences.push('Direct connections work over UDP and TCP, so calls will connect directly.');
    else if (udp) {
      sentences.push(
        `Direct connections work over UDP, so calls will connect directly. TCP to ${portText(mediaPorts.tcp)} is blocked; that only matters on networks that block UDP.`,
      );
    } else if (tcp) {
      sentences.push(`UDP to ${udpPort} is blocked; TCP works, so calls will use TCP.`);
    } else if (turn === 'works') {
      sentences.push('UDP and TCP to the media server are blocked; TURN works, so calls will relay.');
    } else {
      const turnAdvice = turn === 'fails' ? 'fix the TURN relay (it was tried and failed)' : 'configure TURN';
      const open = mediaPorts.udp === null ? 'the UDP media port' : `UDP port ${mediaPorts.udp}`;
      sentences.push(`No media path works: ask your administrator to open ${open} or ${turnAdvice}.`);
    }
    if ((udp || tcp) && turn === 'fails') {
      sentences.push(
        'TURN fails: people on networks that block direct connections will not be able to join. Ask your administrator to check the TURN settings (TURN_URLS, TURN_SECRET) and that the TURN server is reachable.',
      );
    }
    if ((udp || tcp) && turn === 'not configured') {
      sentences.push('No TURN relay is configured, so people on networks that block both paths cannot join.');
    }
  }

  if (state('camera') === 'fails') {
    sentences.push(`Your camera could not be used (${result('camera')?.summary}): others will not see you.`);
  }
  if (state('microphone') === 'fails') {
    sentences.push(
      `Your microphone could not be used (${result('microphone')?.summary}): others will not hear you.`,
    );
  }
  return sentences.join(' ');
}
