/**
 * What the recording shows, as a pure function of who is in the meeting: a speaker view (the
 * shared screen, or else the person speaking, large, with the others in a strip below) when
 * someone shares or speaks, otherwise a grid. People without a live camera get a name card.
 * Tiles are whole, even pixel rectangles so the composed frame encodes as 4:2:0 video.
 */

/** One person as the recording sees them. */
export interface LayoutPerson {
  peerId: string;
  name: string;
  /** Key of their live camera stream; null when the camera is off (a name card instead). */
  camera: string | null;
  /** Key of their live screen share, if any. */
  screen: string | null;
}

export interface LayoutInput {
  people: readonly LayoutPerson[];
  /** Who is speaking now (dominant speaker), if anyone. */
  speakerPeerId: string | null;
  width: number;
  height: number;
}

export type TileContent = { kind: 'video'; stream: string } | { kind: 'card'; name: string };

export interface Tile {
  x: number;
  y: number;
  w: number;
  h: number;
  content: TileContent;
}

export interface Scene {
  mode: 'grid' | 'speaker';
  width: number;
  height: number;
  tiles: Tile[];
}

/** Most tiles in the grid; more people than this show the first ones (cameras first). */
export const MAX_GRID_TILES = 16;
/** Most thumbnails in the speaker view's strip. */
export const MAX_STRIP_TILES = 5;
const GAP = 4;

const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);

function contentOf(p: LayoutPerson): TileContent {
  return p.camera ? { kind: 'video', stream: p.camera } : { kind: 'card', name: p.name };
}

export function computeScene(input: LayoutInput): Scene {
  const { people, width, height } = input;
  const sharer = people.find((p) => p.screen !== null);
  const speaker = people.length >= 2 ? people.find((p) => p.peerId === input.speakerPeerId) : undefined;
  if (sharer?.screen) {
    return speakerView(input, { kind: 'video', stream: sharer.screen }, people);
  }
  if (speaker) {
    return speakerView(
      input,
      contentOf(speaker),
      people.filter((p) => p !== speaker),
    );
  }
  const shown = [...people]
    .sort((a, b) => Number(b.camera !== null) - Number(a.camera !== null))
    .slice(0, MAX_GRID_TILES);
  return { mode: 'grid', width, height, tiles: grid(shown.map(contentOf), width, height) };
}

function grid(contents: TileContent[], width: number, height: number): Tile[] {
  const n = contents.length;
  if (n === 0) return [];
  const cols = Math.ceil(Math.sqrt(n));
  const rows = Math.ceil(n / cols);
  const w = even((width - GAP * (cols + 1)) / cols);
  const h = even((height - GAP * (rows + 1)) / rows);
  return contents.map((content, i) => {
    const row = Math.floor(i / cols);
    const inRow = row === rows - 1 ? n - row * cols : cols;
    // The last row is centred when it is not full.
    const left = even((width - (inRow * w + (inRow - 1) * GAP)) / 2);
    const col = i - row * cols;
    return {
      x: left + col * (w + GAP),
      y: even(GAP + row * (h + GAP) + (height - (rows * h + (rows + 1) * GAP)) / 2),
      w,
      h,
      content,
    };
  });
}

function speakerView(input: LayoutInput, main: TileContent, others: readonly LayoutPerson[]): Scene {
  const { width, height } = input;
  const strip = others.slice(0, MAX_STRIP_TILES);
  const stripH = strip.length > 0 ? even(height * 0.22) : 0;
  const mainTile: Tile = {
    x: GAP,
    y: GAP,
    w: even(width - 2 * GAP),
    h: even(height - stripH - (strip.length > 0 ? 3 : 2) * GAP),
    content: main,
  };
  const thumbH = stripH;
  const thumbW = even(Math.min((thumbH * 16) / 9, (width - GAP * (MAX_STRIP_TILES + 1)) / MAX_STRIP_TILES));
  const rowW = strip.length * thumbW + (strip.length - 1) * GAP;
  const left = even((width - rowW) / 2);
  const tiles = strip.map((p, i) => ({
    x: left + i * (thumbW + GAP),
    y: even(height - GAP - thumbH),
    w: thumbW,
    h: thumbH,
    content: contentOf(p),
  }));
  return { mode: 'speaker', width, height, tiles: [mainTile, ...tiles] };
}

/** A stable text form of a scene: two scenes with the same key record the same picture. */
export function sceneKey(scene: Scene): string {
  return JSON.stringify(scene);
}
