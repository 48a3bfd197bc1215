/** The plain-language conclusion of a connection test, from the state of each check. Pure. */
import type { CheckId, CheckResult, CheckState } from './types';
import type { DiagnosticsWords } from './words';

export interface VerdictInput {
  results: readonly CheckResult[];
  mediaPorts: { udp: number | null; tcp: number | null };
}

/** A port as the messages take it: its number as text, or "none" when it is not known. */
function port(value: number | null): string {
  return value === null ? 'none' : String(value);
}

export function verdict({ results, mediaPorts }: VerdictInput, { t }: Pick<DiagnosticsWords, 't'>): string {
  const state = (id: CheckId): CheckState | undefined => results.find((r) => r.id === id)?.state;
  const summary = (id: CheckId) => results.find((r) => r.id === id)?.summary ?? '';
  const sentences: string[] = [];

  if (state('signaling') === 'fails') {
    sentences.push(t('verdictUnreachable'));
  } else {
    const udp = state('udp') === 'works';
    const tcp = state('tcp') === 'works';
    const turn = state('turn');
    if (udp && tcp && turn === 'works') sentences.push(t('verdictAllWork'));
    else if (udp && tcp) sentences.push(t('verdictDirect'));
    else if (udp) sentences.push(t('verdictUdpOnly', { port: port(mediaPorts.tcp) }));
    else if (tcp) sentences.push(t('verdictTcpOnly', { port: port(mediaPorts.udp) }));
    else if (turn === 'works') sentences.push(t('verdictRelay'));
    else sentences.push(t('verdictNothing', { port: port(mediaPorts.udp), turn: turn ?? 'waiting' }));
    if ((udp || tcp) && turn === 'fails') sentences.push(t('verdictTurnFails'));
    if ((udp || tcp) && turn === 'not configured') sentences.push(t('verdictNoTurn'));
  }

  if (state('camera') === 'fails') sentences.push(t('verdictCamera', { summary: summary('camera') }));
  if (state('microphone') === 'fails') {
    sentences.push(t('verdictMicrophone', { summary: summary('microphone') }));
  }
  return sentences.join(' ');
}
