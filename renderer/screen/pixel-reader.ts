/**
 * Test support: reads back pixels of the frame just drawn. Requests queue up and are answered
 * right after the next render, in the same task, while the drawing buffer still holds that frame
 * (so no preserveDrawingBuffer, which would cost a copy every frame on a real wall).
 */
export interface PixelBox {
  /** Device pixels, top-left origin. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** RGBA, rows top to bottom. */
  data: number[];
}

interface Request {
  x: number;
  y: number;
  half: number;
  resolve(box: PixelBox | null): void;
}

export class PixelReader {
  private queue: Request[] = [];

  /** Box of ±half CSS pixels around a point in CSS pixels of the canvas. */
  request(cssX: number, cssY: number, half: number): Promise<PixelBox | null> {
    return new Promise((resolve) => this.queue.push({ x: cssX, y: cssY, half, resolve }));
  }

  /** Call right after rendering. */
  flush(gl: WebGLRenderingContext | WebGL2RenderingContext, pixelRatio: number): void {
    if (this.queue.length === 0) return;
    const pending = this.queue;
    this.queue = [];
    const W = gl.drawingBufferWidth;
    const H = gl.drawingBufferHeight;
    for (const r of pending) {
      const x0 = Math.max(0, Math.round((r.x - r.half) * pixelRatio));
      const y0 = Math.max(0, Math.round((r.y - r.half) * pixelRatio));
      const x1 = Math.min(W, Math.round((r.x + r.half) * pixelRatio));
      const y1 = Math.min(H, Math.round((r.y + r.half) * pixelRatio));
      if (x1 <= x0 || y1 <= y0) {
        r.resolve(null);
        continue;
      }
      const w = x1 - x0;
      const h = y1 - y0;
      const buf = new Uint8Array(w * h * 4);
      gl.readPixels(x0, H - y1, w, h, gl.RGBA, gl.UNSIGNED_BYTE, buf);
      const rows: number[] = [];
      for (let row = h - 1; row >= 0; row--)
        for (let i = row * w * 4; i < (row + 1) * w * 4; i++) rows.push(buf[i]!);
      r.resolve({ x: x0, y: y0, width: w, height: h, data: rows });
    }
  }
}
