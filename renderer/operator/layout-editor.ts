/**
 * The wall as a canvas: each placed screen is its outer frame (bezel) around the visible panel.
 * Drag a screen to move it, drag its corner handle to resize the panel; edges snap to other
 * screens and to a 10 mm grid. A change is sent on release; the hub applies and saves it.
 */
import {
  outerRect,
  visibleRect,
  wallBounds,
  type RectMm,
  type ScreenPlacement,
  type WallLayout,
} from '../../shared/geometry/layout';
import type { OperatorScreen } from '../../shared/protocol/hub-messages';

const GRID_MM = 10;
const SNAP_PX = 10;
const HANDLE_PX = 14;

interface Drag {
  index: number;
  mode: 'move' | 'resize';
  startX: number;
  startY: number;
  orig: ScreenPlacement;
  moved: boolean;
}

export class LayoutEditor {
  layout: WallLayout = { screens: [], wifi: '' };
  selected: string | null = null;
  private screens: OperatorScreen[] = [];
  private drag: Drag | null = null;
  private view = { x: 0, y: 0, scale: 1 };

  constructor(
    private readonly canvas: HTMLCanvasElement,
    /** A finished edit: the whole new layout. */
    private readonly commit: (layout: WallLayout) => void,
    /** Selection or a live drag changed (the side form follows). */
    private readonly selectionChanged: () => void,
  ) {
    canvas.addEventListener('pointerdown', (e) => this.down(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    canvas.addEventListener('pointerup', (e) => this.up(e));
    canvas.addEventListener('pointercancel', () => (this.drag = null));
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  get busy(): boolean {
    return this.drag !== null;
  }

  /** New state from the hub; ignored mid-drag so the operator's hand wins. */
  update(layout: WallLayout, screens: OperatorScreen[]): void {
    this.screens = screens;
    if (!this.drag) this.layout = structuredClone(layout);
    if (this.selected && !this.layout.screens.some((s) => s.name === this.selected))
      this.selected = null;
    this.draw();
  }

  draw(): void {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const hgt = c.clientHeight;
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(hgt * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(hgt * dpr);
    }
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = '#0b0f14';
    g.fillRect(0, 0, w, hgt);
    if (!this.drag) this.fit(w, hgt);
    this.grid(g, w, hgt);
    const wall = wallBounds(this.layout);
    if (!wall) {
      g.fillStyle = '#7d8590';
      g.font = '15px system-ui, sans-serif';
      g.textAlign = 'center';
      g.fillText('No screens placed. Use “Place on wall” on a connected screen.', w / 2, hgt / 2);
      return;
    }
    this.layout.screens.forEach((p) => this.screen(g, p));
    const r = this.toPx(wall);
    g.setLineDash([6, 5]);
    g.strokeStyle = 'rgba(255,255,255,0.35)';
    g.strokeRect(r.x - 0.5, r.y - 0.5, r.w + 1, r.h + 1);
    g.setLineDash([]);
    g.fillStyle = '#7d8590';
    g.font = '12px system-ui, sans-serif';
    g.textAlign = 'left';
    g.fillText(`wall ${Math.round(wall.w)} × ${Math.round(wall.h)} mm`, r.x, r.y - 8);
  }

  private screen(g: CanvasRenderingContext2D, p: ScreenPlacement): void {
    const info = this.screens.find((s) => s.name === p.name);
    const color = info?.color ?? '#8b949e';
    const outer = this.toPx(outerRect(p));
    const inner = this.toPx(visibleRect(p));
    g.fillStyle = '#1f242c';
    g.fillRect(outer.x, outer.y, outer.w, outer.h);
    g.fillStyle = hexAlpha(color, info?.status === 'ok' ? 0.22 : 0.08);
    g.fillRect(inner.x, inner.y, inner.w, inner.h);
    g.lineWidth = p.name === this.selected ? 3 : 1.5;
    g.setLineDash(info?.status === 'ok' ? [] : [5, 4]);
    g.strokeStyle = p.name === this.selected ? '#ffffff' : color;
    g.strokeRect(inner.x + 0.5, inner.y + 0.5, inner.w - 1, inner.h - 1);
    g.setLineDash([]);
    const cx = inner.x + inner.w / 2;
    const cy = inner.y + inner.h / 2;
    g.textAlign = 'center';
    g.fillStyle = color;
    g.font = `700 ${Math.max(14, Math.min(inner.h * 0.4, 64))}px system-ui, sans-serif`;
    g.fillText(String(info?.number ?? '?'), cx, cy + 8);
    g.fillStyle = '#e6edf3';
    g.font = '600 13px system-ui, sans-serif';
    g.fillText(p.name, cx, inner.y + 18);
    g.fillStyle = '#9aa4ae';
    g.font = '11px system-ui, sans-serif';
    const state = info ? (info.status === 'ok' ? '' : ` · ${info.status}`) : ' · never seen';
    g.fillText(
      `${Math.round(p.widthMm)}×${Math.round(p.heightMm)} mm${state}`,
      cx,
      inner.y + inner.h - 8,
    );
    g.fillStyle = p.name === this.selected ? '#ffffff' : hexAlpha(color, 0.8);
    g.fillRect(
      outer.x + outer.w - HANDLE_PX / 2 - 3,
      outer.y + outer.h - HANDLE_PX / 2 - 3,
      HANDLE_PX / 2 + 3,
      HANDLE_PX / 2 + 3,
    );
  }

  private grid(g: CanvasRenderingContext2D, w: number, hgt: number): void {
    const stepMm = this.view.scale * 100 > 12 ? 100 : 500;
    g.strokeStyle = 'rgba(255,255,255,0.04)';
    g.lineWidth = 1;
    const x0 = Math.floor(this.view.x / stepMm) * stepMm;
    const y0 = Math.floor(this.view.y / stepMm) * stepMm;
    for (let mm = x0; ; mm += stepMm) {
      const px = (mm - this.view.x) * this.view.scale;
      if (px > w) break;
      g.beginPath();
      g.moveTo(Math.round(px) + 0.5, 0);
      g.lineTo(Math.round(px) + 0.5, hgt);
      g.stroke();
    }
    for (let mm = y0; ; mm += stepMm) {
      const py = (mm - this.view.y) * this.view.scale;
      if (py > hgt) break;
      g.beginPath();
      g.moveTo(0, Math.round(py) + 0.5);
      g.lineTo(w, Math.round(py) + 0.5);
      g.stroke();
    }
  }

  /** Fits every outer frame in view with a margin (room to drag screens around). */
  private fit(w: number, hgt: number): void {
    let box: RectMm = { x: 0, y: 0, w: 2500, h: 1000 };
    if (this.layout.screens.length) {
      const rs = this.layout.screens.map(outerRect);
      const x0 = Math.min(...rs.map((r) => r.x));
      const y0 = Math.min(...rs.map((r) => r.y));
      const x1 = Math.max(...rs.map((r) => r.x + r.w));
      const y1 = Math.max(...rs.map((r) => r.y + r.h));
      box = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
    }
    const padX = box.w * 0.25 + 100;
    const padY = box.h * 0.25 + 100;
    const scale = Math.min(w / (box.w + 2 * padX), hgt / (box.h + 2 * padY));
    this.view = {
      scale,
      x: box.x + box.w / 2 - w / 2 / scale,
      y: box.y + box.h / 2 - hgt / 2 / scale,
    };
  }

  /** Where a placed screen's outer frame is on the canvas, in CSS px (tests drag it). */
  boxPx(name: string): RectMm | null {
    const p = this.layout.screens.find((s) => s.name === name);
    return p ? this.toPx(outerRect(p)) : null;
  }

  private toPx(r: RectMm): RectMm {
    const { x, y, scale } = this.view;
    return { x: (r.x - x) * scale, y: (r.y - y) * scale, w: r.w * scale, h: r.h * scale };
  }

  private hit(px: number, py: number): { index: number; mode: 'move' | 'resize' } | null {
    for (let i = this.layout.screens.length - 1; i >= 0; i--) {
      const o = this.toPx(outerRect(this.layout.screens[i]!));
      if (Math.abs(px - (o.x + o.w)) <= HANDLE_PX && Math.abs(py - (o.y + o.h)) <= HANDLE_PX)
        return { index: i, mode: 'resize' };
      if (px >= o.x && px <= o.x + o.w && py >= o.y && py <= o.y + o.h)
        return { index: i, mode: 'move' };
    }
    return null;
  }

  private down(e: PointerEvent): void {
    const hit = this.hit(e.offsetX, e.offsetY);
    this.selected = hit ? this.layout.screens[hit.index]!.name : null;
    if (hit) {
      this.canvas.setPointerCapture(e.pointerId);
      this.drag = {
        ...hit,
        startX: e.offsetX,
        startY: e.offsetY,
        orig: structuredClone(this.layout.screens[hit.index]!),
        moved: false,
      };
    }
    this.selectionChanged();
    this.draw();
  }

  private move(e: PointerEvent): void {
    const d = this.drag;
    if (!d) {
      const hit = this.hit(e.offsetX, e.offsetY);
      this.canvas.style.cursor = hit ? (hit.mode === 'resize' ? 'nwse-resize' : 'grab') : 'default';
      return;
    }
    const dx = (e.offsetX - d.startX) / this.view.scale;
    const dy = (e.offsetY - d.startY) / this.view.scale;
    if (!d.moved && Math.hypot(e.offsetX - d.startX, e.offsetY - d.startY) < 3) return;
    d.moved = true;
    const p = this.layout.screens[d.index]!;
    if (d.mode === 'move') {
      const snapped = this.snap(d.index, d.orig.xMm + dx, d.orig.yMm + dy);
      p.xMm = snapped.x;
      p.yMm = snapped.y;
    } else {
      p.widthMm = Math.max(100, roundTo(d.orig.widthMm + dx, GRID_MM));
      p.heightMm = Math.max(100, roundTo(d.orig.heightMm + dy, GRID_MM));
    }
    this.selectionChanged();
    this.draw();
  }

  private up(e: PointerEvent): void {
    const d = this.drag;
    this.drag = null;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    if (d?.moved) this.commit(structuredClone(this.layout));
  }

  /** Snaps the outer frame's edges to other frames' edges (within SNAP_PX), else to the grid. */
  private snap(index: number, x: number, y: number): { x: number; y: number } {
    const me = outerRect({ ...this.layout.screens[index]!, xMm: x, yMm: y });
    const tol = SNAP_PX / this.view.scale;
    let bestX: number | null = null;
    let bestY: number | null = null;
    this.layout.screens.forEach((p, i) => {
      if (i === index) return;
      const o = outerRect(p);
      bestX = closerSnap(bestX, me.x, me.w, o.x, o.w, tol);
      bestY = closerSnap(bestY, me.y, me.h, o.y, o.h, tol);
    });
    return {
      x: bestX === null ? roundTo(x, GRID_MM) : x + bestX,
      y: bestY === null ? roundTo(y, GRID_MM) : y + bestY,
    };
  }
}

const roundTo = (v: number, step: number): number => Math.round(v / step) * step;

function hexAlpha(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

/**
 * Along one axis: the shift that would put one of my edges on one of the other screen's edges
 * (mine against theirs, both sides), if within `tol` and closer than the best so far.
 */
export function closerSnap(
  best: number | null,
  start: number,
  size: number,
  otherStart: number,
  otherSize: number,
  tol: number,
): number | null {
  for (const [mine, target] of [
    [start, otherStart + otherSize],
    [start + size, otherStart],
    [start, otherStart],
    [start + size, otherStart + otherSize],
  ] as const) {
    const shift = target - mine;
    if (Math.abs(shift) < tol && (best === null || Math.abs(shift) < Math.abs(best))) best = shift;
  }
  return best;
}
