import { describe, expect, it } from 'vitest';
import { concatArgs, concatList, filterGraph, segmentArgs, type SegmentInputs } from './composition';
import { computeScene } from './layout';

const people = [
  { peerId: 'a', name: 'Ann', camera: 'cam-a', screen: null },
  { peerId: 'b', name: 'Bo', camera: null, screen: null },
];

function inputs(over: Partial<SegmentInputs> = {}): SegmentInputs {
  return {
    scene: computeScene({ people, speakerPeerId: null, width: 960, height: 540 }),
    videoIndex: new Map([['cam-a', 0]]),
    audioIndexes: [1, 2],
    sdpPath: '/rec/segment-0001.sdp',
    cardTextPaths: ['/rec/segment-0001-card-0.txt'],
    fontPath: '/fonts/DejaVuSans.ttf',
    outputPath: '/rec/segment-0001.ts',
    threads: 2,
    ...over,
  };
}

describe('filterGraph', () => {
  it('draws name cards on the canvas, lays each video over its tile, mixes voices over silence', () => {
    const graph = filterGraph(inputs()).split(';');
    expect(graph[0]).toMatch(/^\[0:v\]drawbox=x=\d+:y=\d+:w=\d+:h=\d+:color=0x2a2a2e:t=fill,drawtext=/);
    expect(graph[0]).toContain("textfile='/rec/segment-0001-card-0.txt'");
    expect(graph[0]).toContain('expansion=none');
    expect(graph[1]).toMatch(/^\[2:0\]scale=\d+:\d+:force_original_aspect_ratio=decrease/);
    expect(graph[2]).toMatch(/^\[c0\]\[t1\]overlay=x=\d+:y=\d+:eof_action=repeat\[c1\]$/);
    expect(graph[3]).toBe('[c1]format=yuv420p[vout]');
    expect(graph.slice(4)).toEqual([
      '[2:1]aresample=48000:async=1:first_pts=0[a0]',
      '[2:2]aresample=48000:async=1:first_pts=0[a1]',
      '[1:a][a0][a1]amix=inputs=3:duration=first:dropout_transition=0:normalize=0[aout]',
    ]);
  });

  it('has plain boxes without a font, and silence alone without voices', () => {
    const graph = filterGraph(inputs({ fontPath: null, audioIndexes: [] }));
    expect(graph).not.toContain('drawtext');
    expect(graph).toContain('[1:a]anull[aout]');
  });

  it('escapes characters that mean something in a filtergraph in file paths', () => {
    const graph = filterGraph(inputs({ cardTextPaths: ["/rec/it's:a,b.txt"] }));
    expect(graph).toContain("textfile='/rec/it\\'s\\:a\\,b.txt'");
  });
});

describe('segmentArgs', () => {
  it('reads the SDP with arrival-time stamps and encodes H.264 + AAC into MPEG-TS with bounded threads', () => {
    const args = segmentArgs(inputs());
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    expect(args).toContain('/rec/segment-0001.sdp');
    expect(after('-use_wallclock_as_timestamps')).toBe('1');
    expect(after('-c:v')).toBe('libx264');
    expect(after('-preset')).toBe('veryfast');
    expect(after('-threads')).toBe('2');
    expect(after('-c:a')).toBe('aac');
    expect(after('-f')).toBe('lavfi');
    expect(args.slice(-4)).toEqual(['-f', 'mpegts', '-y', '/rec/segment-0001.ts']);
  });

  it('has no network input when nobody sends anything', () => {
    const args = segmentArgs(inputs({ sdpPath: null, videoIndex: new Map(), audioIndexes: [] }));
    expect(args).not.toContain('sdp');
    expect(args.filter((a) => a === '-i')).toHaveLength(2);
  });
});

describe('concat', () => {
  it('lists each segment with its cut point, quoting paths for the demuxer', () => {
    expect(
      concatList([
        { file: "/a/it's.ts", outpoint: 6.3555 },
        { file: '/a/b.ts', outpoint: 2 },
      ]),
    ).toBe("file '/a/it'\\''s.ts'\noutpoint 6.356\nfile '/a/b.ts'\noutpoint 2.000\n");
  });

  it('copies the streams into a faststart MP4 with video on one frame grid', () => {
    const args = concatArgs('/a/list.txt', '/a/out.mp4');
    expect(args).toEqual(expect.arrayContaining(['-c', 'copy', 'setts=ts=N/(15*TB)', '+faststart']));
    expect(args.at(-1)).toBe('/a/out.mp4');
  });
});
