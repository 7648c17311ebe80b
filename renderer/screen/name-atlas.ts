/**
 * Names packed into one texture, one tile per distinct name in view: white text with a dark
 * outline, centred, shrunk to fit the tile. A tile is drawn the first frame a name is chosen and
 * kept while it is used; when the atlas is full, the name unused for longest gives its tile up.
 * At most NEW_TILES_PER_FRAME names are rasterized in one frame (the rest wait a frame), and the
 * texture is uploaded at most once per frame, so a crowd arriving cannot stall a frame.
 */
import { CanvasTexture, LinearFilter, SRGBColorSpace } from 'three';
import { AtlasSlots, type TileRect } from './atlas-slots';
import { LABEL } from './name-placement';

/** 1024 × 2048, 256 × 48 tiles (the label box's 16:3): 4 × 42 = 168 names. */
const GRID = { width: 1024, height: 2048, tileWidth: 256, tileHeight: 48, gutter: 2 };
const NEW_TILES_PER_FRAME = 16;
const FONT_PX = 32;
const MIN_FONT_PX = 14;
const FONT = (px: number): string =>
  `600 ${px}px system-ui, "Noto Sans", "Noto Sans CJK JP", sans-serif`;

/** Where a name is in the atlas: the UV rectangle of its text only, and that text's width. */
export interface NameTile {
  u: number;
  v: number;
  du: number;
  dv: number;
  /** Text width as a fraction of the label box's width (the quad is that wide). */
  widthFrac: number;
}

export class NameAtlas {
  readonly texture: CanvasTexture;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly slots = new AtlasSlots(GRID);
  private readonly tiles = new Map<string, NameTile>();
  private readonly lastUsed = new Map<string, number>();
  private frame = 0;
  private drawnThisFrame = 0;

  constructor() {
    const canvas = document.createElement('canvas');
    canvas.width = GRID.width;
    canvas.height = GRID.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('NameAtlas: no 2D canvas');
    this.ctx = ctx;
    this.texture = new CanvasTexture(canvas);
    this.texture.colorSpace = SRGBColorSpace;
    this.texture.minFilter = LinearFilter; // no mipmaps: a re-upload stays one level
    this.texture.magFilter = LinearFilter;
    this.texture.generateMipmaps = false;
  }

  /** Starts a frame: names used from now on are this frame's. */
  beginFrame(): void {
    this.frame++;
    this.drawnThisFrame = 0;
  }

  /** Uploads the texture if a tile was drawn this frame. */
  endFrame(): void {
    if (this.drawnThisFrame > 0) this.texture.needsUpdate = true;
  }

  /** The tile for `name`, drawing it if there is room this frame; null: not this frame. */
  tile(name: string): NameTile | null {
    this.lastUsed.set(name, this.frame);
    const known = this.tiles.get(name);
    if (known) return known;
    if (this.drawnThisFrame >= NEW_TILES_PER_FRAME) return null;
    let got = this.slots.allocate(name);
    if (!got && this.evictOldest()) got = this.slots.allocate(name);
    if (!got) return null;
    const tile = this.draw(name, this.slots.rect(got.slot));
    this.tiles.set(name, tile);
    this.drawnThisFrame++;
    return tile;
  }

  /** Names with a tile now (the debug hook's `nameTiles`). */
  get names(): string[] {
    return [...this.tiles.keys()];
  }

  private evictOldest(): boolean {
    let oldest: string | null = null;
    let at = this.frame;
    for (const name of this.tiles.keys()) {
      const used = this.lastUsed.get(name) ?? 0;
      if (used < at) {
        at = used;
        oldest = name;
      }
    }
    if (oldest === null) return false; // every tile is in this frame
    this.tiles.delete(oldest);
    this.lastUsed.delete(oldest);
    this.slots.release(oldest);
    return true;
  }

  private draw(name: string, r: TileRect): NameTile {
    const ctx = this.ctx;
    ctx.clearRect(r.px, r.py, r.pw, r.ph);
    const room = r.pw - 8;
    let px = FONT_PX;
    ctx.font = FONT(px);
    let w = ctx.measureText(name).width;
    if (w > room) {
      px = Math.max(MIN_FONT_PX, Math.floor((px * room) / w));
      ctx.font = FONT(px);
      w = ctx.measureText(name).width;
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(r.px, r.py, r.pw, r.ph);
    ctx.clip();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    ctx.lineWidth = Math.max(3, px / 6);
    ctx.strokeStyle = 'rgba(10, 14, 30, 0.9)';
    ctx.fillStyle = '#ffffff';
    const cx = r.px + r.pw / 2;
    const cy = r.py + r.ph / 2 + 1;
    ctx.strokeText(name, cx, cy);
    ctx.fillText(name, cx, cy);
    ctx.restore();
    // The quad covers the text (and its outline) only, centred in the tile.
    const frac = Math.min(1, (Math.min(w, room) + ctx.lineWidth + 8) / r.pw);
    return {
      u: r.u + (r.du * (1 - frac)) / 2,
      v: r.v,
      du: r.du * frac,
      dv: r.dv,
      widthFrac: frac * (r.pw / r.ph / (LABEL.width / LABEL.height)),
    };
  }
}
