/** The connection test as plain text, for pasting into a message to an administrator. Pure. */
import type { DiagnosticsReport } from './types';

export function reportText(report: DiagnosticsReport): string {
  const lines = [
    'Idea Communicator connection test',
    `Time: ${report.finishedAt.toISOString()} (took ${Math.round((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000)} s)`,
    `Server: ${report.serverUrl}`,
    `Media ports: UDP ${report.mediaPorts.udp ?? 'unknown'}, TCP ${report.mediaPorts.tcp ?? 'unknown'}`,
    `Browser: ${report.userAgent}`,
    '',
    `Verdict: ${report.verdict}`,
    '',
  ];
  for (const r of report.results) {
    lines.push(`${r.label}: ${r.state}${r.summary ? ` (${r.summary})` : ''}`);
    if (r.detail) lines.push(`  ${r.detail}`);
    const f = r.figures;
    if (f) {
      const via = [f.candidateType, f.protocol].filter(Boolean).join('/');
      const server = f.serverProtocol ? `; server received over ${f.serverProtocol}` : '';
      const first = f.firstFrameMs === null ? '' : `; first frame after ${Math.round(f.firstFrameMs)} ms`;
      lines.push(`  path: ${via || 'unknown'}${server}${first}`);
    }
  }
  return lines.join('\n');
}
