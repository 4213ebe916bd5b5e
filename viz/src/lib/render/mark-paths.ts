import { markPath, type MarkShape } from "./marks";

/** Path2D objects per shape and size, made once: parsing SVG path text per mark would be slow. */
export class MarkPaths {
  private cache = new Map<string, Path2D>();

  /** The Path2D of a shape of radius `r`, centred on (0, 0). */
  get(shape: MarkShape, r: number): Path2D {
    const key = `${shape}:${r}`;
    let p = this.cache.get(key);
    if (!p) this.cache.set(key, (p = new Path2D(markPath(shape, r))));
    return p;
  }

  /** Draws a filled mark at (x, y). */
  fill(ctx: CanvasRenderingContext2D, shape: MarkShape, r: number, x: number, y: number, color: string, outline?: string): void {
    ctx.save();
    ctx.translate(x, y);
    ctx.fillStyle = color;
    const p = this.get(shape, r);
    ctx.fill(p, "evenodd");
    if (outline) {
      ctx.strokeStyle = outline;
      ctx.lineWidth = 1;
      ctx.stroke(p);
    }
    ctx.restore();
  }
}
