/**
 * Flag art packed at runtime into one texture: a canvas of 4:3 tiles, a tile drawn when a country
 * first appears on the wall. Until its SVG has loaded (and forever, if it fails), a flag shows the
 * Esperanto tile, which is loaded first.
 */
import { CanvasTexture, LinearFilter, LinearMipmapLinearFilter, SRGBColorSpace } from 'three';
import { FALLBACK_FLAG, flagUrl, isFlagCode } from '../common/flags';
import { AtlasSlots, type TileRect } from './atlas-slots';

/** 2048² with 128×96 tiles: 336 slots, more than every flag in flag-icons. */
const GRID = { width: 2048, height: 2048, tileWidth: 128, tileHeight: 96, gutter: 3 };

type TileState = 'loading' | 'ready';

export class FlagAtlas {
  readonly texture: CanvasTexture;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly slots = new AtlasSlots(GRID);
  private readonly state = new Map<string, TileState>();
  /** Rects of drawn tiles, so the per-frame lookup allocates nothing. */
  private readonly rects = new Map<string, TileRect>();
  /** Bumped whenever a tile is drawn, so the flag layer knows to refresh its tile attributes. */
  version = 0;

  constructor(private readonly loadImage: (url: string) => Promise<CanvasImageSource> = loadSvg) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = GRID.width;
    this.canvas.height = GRID.height;
    const ctx = this.canvas.getContext('2d');
    if (!ctx) throw new Error('FlagAtlas: no 2D canvas');
    this.ctx = ctx;
    this.texture = new CanvasTexture(this.canvas);
    this.texture.colorSpace = SRGBColorSpace;
    this.texture.minFilter = LinearMipmapLinearFilter;
    this.texture.magFilter = LinearFilter;
    this.tile(FALLBACK_FLAG);
  }

  /** UV rectangle to draw `code` with right now (the fallback's while its art is loading). */
  tile(code: string): TileRect {
    const ready = this.rects.get(code);
    if (ready) return ready;
    const key = isFlagCode(code) ? code : FALLBACK_FLAG;
    if (!this.state.has(key)) this.request(key);
    return this.rects.get(FALLBACK_FLAG) ?? this.slots.rect(0);
  }

  /** Codes whose tiles are drawn (for tests and the debug hook). */
  get ready(): string[] {
    return [...this.state].filter(([, s]) => s === 'ready').map(([c]) => c);
  }

  private request(code: string): void {
    const got = this.slots.allocate(code);
    if (!got) return; // full: this code keeps showing the fallback
    this.state.set(code, 'loading');
    const rect = this.slots.rect(got.slot);
    this.loadImage(flagUrl(code)).then(
      (img) => {
        this.ctx.clearRect(rect.px, rect.py, rect.pw, rect.ph);
        this.ctx.drawImage(img, rect.px, rect.py, rect.pw, rect.ph);
        this.state.set(code, 'ready');
        this.rects.set(code, rect);
        this.texture.needsUpdate = true;
        this.version++;
      },
      () => {
        // Unknown region or missing art: keep the code mapped to "loading" forever, which draws
        // the fallback, and give its tile back.
        this.slots.release(code);
      },
    );
  }
}

function loadSvg(url: string): Promise<CanvasImageSource> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`flag art failed: ${url}`));
    img.src = url;
  });
}
