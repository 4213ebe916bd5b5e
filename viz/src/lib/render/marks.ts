import { OKABE_ITO } from "./palette";

/** The shapes event marks are drawn with. */
export type MarkShape = "dot" | "arrowhead" | "cross" | "down" | "up" | "bars" | "play" | "diamond" | "diamond-open" | "tick" | "square" | "star" | "ring";

/** How one kind of event is marked: a shape, a colour and a name for the legend. */
export interface MarkStyle {
  shape: MarkShape;
  color: string;
  label: string;
}

/** Every mark the diagram draws, in legend order. */
export const MARKS = {
  send: { shape: "dot", color: OKABE_ITO.blue, label: "message sent" },
  deliver: { shape: "arrowhead", color: OKABE_ITO.blue, label: "message delivered" },
  drop: { shape: "cross", color: OKABE_ITO.vermillion, label: "message dropped (hover for why)" },
  crash: { shape: "down", color: OKABE_ITO.vermillion, label: "node crashed" },
  restart: { shape: "up", color: OKABE_ITO.green, label: "node restarted" },
  pause: { shape: "bars", color: OKABE_ITO.orange, label: "node paused" },
  resume: { shape: "play", color: OKABE_ITO.orange, label: "node resumed" },
  partition: { shape: "diamond", color: OKABE_ITO.purple, label: "network partitioned" },
  heal: { shape: "diamond-open", color: OKABE_ITO.purple, label: "network healed" },
  timer: { shape: "tick", color: OKABE_ITO.skyBlue, label: "timer fired" },
  state: { shape: "square", color: OKABE_ITO.green, label: "state changed" },
  violation: { shape: "star", color: OKABE_ITO.vermillion, label: "first check violation" },
  narration: { shape: "ring", color: OKABE_ITO.blue, label: "teaching note" },
} as const satisfies Record<string, MarkStyle>;

/** The name of a mark in `MARKS`. */
export type MarkName = keyof typeof MARKS;

/**
 * An SVG path of a shape centred on (0, 0) with radius `r`. The same path draws the legend (SVG)
 * and the canvas (Path2D), so the two can never disagree.
 */
export function markPath(shape: MarkShape, r: number): string {
  const f = (n: number) => +n.toFixed(2);
  switch (shape) {
    case "dot": return `M${f(-r)},0a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
    case "ring": return `M${f(-r)},0a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0ZM${f(-r / 2)},0a${f(r / 2)},${f(r / 2)} 0 1,1 ${f(r)},0a${f(r / 2)},${f(r / 2)} 0 1,1 ${f(-r)},0Z`;
    case "arrowhead": return `M${f(r)},0L${f(-r)},${f(-r * 0.8)}L${f(-r * 0.4)},0L${f(-r)},${f(r * 0.8)}Z`;
    case "cross": {
      const w = r * 0.35;
      return `M${f(-r)},${f(-r + w)}L${f(-r + w)},${f(-r)}L0,${f(-w)}L${f(r - w)},${f(-r)}L${f(r)},${f(-r + w)}L${f(w)},0L${f(r)},${f(r - w)}L${f(r - w)},${f(r)}L0,${f(w)}L${f(-r + w)},${f(r)}L${f(-r)},${f(r - w)}L${f(-w)},0Z`;
    }
    case "down": return `M${f(-r)},${f(-r * 0.8)}L${f(r)},${f(-r * 0.8)}L0,${f(r)}Z`;
    case "up": return `M${f(-r)},${f(r * 0.8)}L${f(r)},${f(r * 0.8)}L0,${f(-r)}Z`;
    case "bars": return `M${f(-r * 0.8)},${f(-r)}h${f(r * 0.6)}v${f(2 * r)}h${f(-r * 0.6)}ZM${f(r * 0.2)},${f(-r)}h${f(r * 0.6)}v${f(2 * r)}h${f(-r * 0.6)}Z`;
    case "play": return `M${f(-r * 0.7)},${f(-r)}L${f(r)},0L${f(-r * 0.7)},${f(r)}Z`;
    case "diamond": return `M0,${f(-r)}L${f(r)},0L0,${f(r)}L${f(-r)},0Z`;
    case "diamond-open": {
      const i = r * 0.5;
      return `M0,${f(-r)}L${f(r)},0L0,${f(r)}L${f(-r)},0ZM0,${f(-i)}L${f(-i)},0L0,${f(i)}L${f(i)},0Z`;
    }
    case "tick": return `M${f(-r * 0.2)},${f(-r)}h${f(r * 0.4)}v${f(2 * r)}h${f(-r * 0.4)}Z`;
    case "square": return `M${f(-r * 0.75)},${f(-r * 0.75)}h${f(r * 1.5)}v${f(r * 1.5)}h${f(-r * 1.5)}Z`;
    case "star": {
      let d = "";
      for (let k = 0; k < 10; k++) {
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        const rr = k % 2 === 0 ? r : r * 0.45;
        d += `${k === 0 ? "M" : "L"}${f(Math.cos(a) * rr)},${f(Math.sin(a) * rr)}`;
      }
      return d + "Z";
    }
  }
}
