import { describe, expect, it } from 'vitest';
import {
  MAX_GRID_TILES,
  MAX_STRIP_TILES,
  computeScene,
  sceneKey,
  type LayoutPerson,
  type Tile,
} from './layout';

const W = 960;
const H = 540;
const person = (n: number, camera = true, screen = false): LayoutPerson => ({
  peerId: `p${n}`,
  name: `Person ${n}`,
  camera: camera ? `cam${n}` : null,
  screen: screen ? `screen${n}` : null,
});

function inside(t: Tile) {
  return t.x >= 0 && t.y >= 0 && t.x + t.w <= W && t.y + t.h <= H;
}
function overlap(a: Tile, b: Tile) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}
function wellFormed(tiles: Tile[]) {
  for (const t of tiles) {
    expect(inside(t), JSON.stringify(t)).toBe(true);
    for (const n of [t.x, t.y, t.w, t.h]) expect(n % 2).toBe(0);
  }
  for (let i = 0; i < tiles.length; i++)
    for (let j = i + 1; j < tiles.length; j++) expect(overlap(tiles[i]!, tiles[j]!)).toBe(false);
}

describe('computeScene', () => {
  it('shows one person alone full frame, even while they speak', () => {
    const scene = computeScene({ people: [person(1)], speakerPeerId: 'p1', width: W, height: H });
    expect(scene.mode).toBe('grid');
    expect(scene.tiles).toHaveLength(1);
    expect(scene.tiles[0]!.content).toEqual({ kind: 'video', stream: 'cam1' });
    expect(scene.tiles[0]!.w).toBeGreaterThan(900);
  });

  it('lays out a grid without overlaps for 1 to 20 people, cameras first, at most 16 tiles', () => {
    for (let n = 1; n <= 20; n++) {
      const people = Array.from({ length: n }, (_, i) => person(i, i % 3 !== 0));
      const scene = computeScene({ people, speakerPeerId: null, width: W, height: H });
      expect(scene.mode).toBe('grid');
      expect(scene.tiles).toHaveLength(Math.min(n, MAX_GRID_TILES));
      wellFormed(scene.tiles);
      const kinds = scene.tiles.map((t) => t.content.kind);
      expect(kinds.indexOf('card') === -1 || kinds.lastIndexOf('video') < kinds.indexOf('card')).toBe(true);
    }
  });

  it('gives a person without a camera a name card', () => {
    const scene = computeScene({
      people: [person(1), person(2, false)],
      speakerPeerId: null,
      width: W,
      height: H,
    });
    expect(scene.tiles.map((t) => t.content)).toEqual([
      { kind: 'video', stream: 'cam1' },
      { kind: 'card', name: 'Person 2' },
    ]);
  });

  it('puts the speaker large with the others in a strip', () => {
    const people = [person(1), person(2, false), person(3)];
    const scene = computeScene({ people, speakerPeerId: 'p2', width: W, height: H });
    expect(scene.mode).toBe('speaker');
    expect(scene.tiles[0]!.content).toEqual({ kind: 'card', name: 'Person 2' });
    expect(scene.tiles.slice(1).map((t) => t.content)).toEqual([
      { kind: 'video', stream: 'cam1' },
      { kind: 'video', stream: 'cam3' },
    ]);
    expect(scene.tiles[0]!.w * scene.tiles[0]!.h).toBeGreaterThan(4 * scene.tiles[1]!.w * scene.tiles[1]!.h);
    wellFormed(scene.tiles);
  });

  it('puts a shared screen first, ahead of the speaker, with everyone in the strip (capped)', () => {
    const people = [person(1), person(2, true, true), ...Array.from({ length: 8 }, (_, i) => person(i + 3))];
    const scene = computeScene({ people, speakerPeerId: 'p1', width: W, height: H });
    expect(scene.mode).toBe('speaker');
    expect(scene.tiles[0]!.content).toEqual({ kind: 'video', stream: 'screen2' });
    expect(scene.tiles).toHaveLength(1 + MAX_STRIP_TILES);
    wellFormed(scene.tiles);
  });

  it('ignores a speaker who is not in the meeting any more', () => {
    const scene = computeScene({
      people: [person(1), person(2)],
      speakerPeerId: 'gone',
      width: W,
      height: H,
    });
    expect(scene.mode).toBe('grid');
  });

  it('has an empty picture when nobody is there, and keys equal scenes alike', () => {
    expect(computeScene({ people: [], speakerPeerId: null, width: W, height: H }).tiles).toEqual([]);
    const a = computeScene({ people: [person(1), person(2)], speakerPeerId: null, width: W, height: H });
    const b = computeScene({ people: [person(1), person(2)], speakerPeerId: null, width: W, height: H });
    const c = computeScene({
      people: [person(1), person(2, false)],
      speakerPeerId: null,
      width: W,
      height: H,
    });
    expect(sceneKey(a)).toBe(sceneKey(b));
    expect(sceneKey(a)).not.toBe(sceneKey(c));
  });
});
