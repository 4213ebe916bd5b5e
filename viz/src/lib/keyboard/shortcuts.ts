/** Everything a key can do in the page. */
export type ActionId =
  | "play-pause" | "step-next" | "step-prev" | "jump-forward" | "jump-back" | "go-start" | "go-end"
  | "zoom-in" | "zoom-out" | "zoom-all" | "pan-left" | "pan-right" | "slower" | "faster"
  | "first-violation" | "next-note" | "prev-note" | "divergence" | "compare" | "edit" | "library"
  | "share" | "theme" | "help" | "close";

/** The parts of a key event the matcher reads. */
export interface KeyInput {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** One shortcut: the keys as shown in the help, and the action. */
export interface Shortcut {
  keys: string[];
  action: ActionId;
  description: string;
  match: (e: KeyInput) => boolean;
}

const plain = (key: string) => (e: KeyInput) => e.key === key && !e.ctrlKey && !e.metaKey && !e.altKey;
const noShift = (key: string) => (e: KeyInput) => plain(key)(e) && !e.shiftKey;
const withShift = (key: string) => (e: KeyInput) => plain(key)(e) && !!e.shiftKey;
const any = (...ms: Array<(e: KeyInput) => boolean>) => (e: KeyInput) => ms.some((m) => m(e));

/** Every shortcut, in the order the help lists them. One table: the help and the handler read it. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ["Space", "K"], action: "play-pause", description: "Play or pause", match: any(noShift(" "), noShift("k")) },
  { keys: ["→"], action: "step-next", description: "Step to the next event", match: noShift("ArrowRight") },
  { keys: ["←"], action: "step-prev", description: "Step to the previous event", match: noShift("ArrowLeft") },
  { keys: ["Shift →"], action: "jump-forward", description: "Jump forward a tenth of the view", match: withShift("ArrowRight") },
  { keys: ["Shift ←"], action: "jump-back", description: "Jump back a tenth of the view", match: withShift("ArrowLeft") },
  { keys: ["Home"], action: "go-start", description: "Go to the start", match: plain("Home") },
  { keys: ["End"], action: "go-end", description: "Go to the end", match: plain("End") },
  { keys: ["+", "="], action: "zoom-in", description: "Zoom in on the cursor", match: any(plain("+"), plain("=")) },
  { keys: ["-"], action: "zoom-out", description: "Zoom out", match: any(plain("-"), plain("_")) },
  { keys: ["0"], action: "zoom-all", description: "Show the whole run", match: noShift("0") },
  { keys: ["["], action: "pan-left", description: "Pan left", match: plain("[") },
  { keys: ["]"], action: "pan-right", description: "Pan right", match: plain("]") },
  { keys: ["<", ","], action: "slower", description: "Play slower", match: any(plain("<"), noShift(",")) },
  { keys: [">", "."], action: "faster", description: "Play faster", match: any(plain(">"), noShift(".")) },
  { keys: ["V"], action: "first-violation", description: "Jump to the first check violation", match: noShift("v") },
  { keys: ["N"], action: "next-note", description: "Jump to the next teaching note", match: noShift("n") },
  { keys: ["Shift N"], action: "prev-note", description: "Jump to the previous teaching note", match: any(withShift("N"), withShift("n")) },
  { keys: ["D"], action: "divergence", description: "Jump to where the runs diverge", match: noShift("d") },
  { keys: ["C"], action: "compare", description: "Compare with a second run", match: noShift("c") },
  { keys: ["E"], action: "edit", description: "Edit the scenario", match: noShift("e") },
  { keys: ["O"], action: "library", description: "Open the scenario library", match: noShift("o") },
  { keys: ["S"], action: "share", description: "Copy a share link", match: noShift("s") },
  { keys: ["T"], action: "theme", description: "Switch light and dark theme", match: noShift("t") },
  { keys: ["?"], action: "help", description: "Show these shortcuts", match: plain("?") },
  { keys: ["Esc"], action: "close", description: "Close a menu or dialog", match: plain("Escape") },
];

/** The action a key press asks for, or null. */
export function actionFor(e: KeyInput): ActionId | null {
  for (const s of SHORTCUTS) if (s.match(e)) return s.action;
  return null;
}

/** Playback speeds offered, as multiples of real time. */
export const SPEEDS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10] as const;

/** The next speed up (`dir` 1) or down (-1) from `speed`. */
export function stepSpeed(speed: number, dir: 1 | -1): number {
  const i = SPEEDS.findIndex((s) => s >= speed - 1e-12);
  if (i < 0) return SPEEDS[SPEEDS.length - 1];
  // Off the list (a speed typed in a link), the nearest listed speed in that direction.
  if (Math.abs(SPEEDS[i] - speed) > 1e-12) return dir > 0 ? SPEEDS[i] : SPEEDS[Math.max(0, i - 1)];
  return SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, i + dir))];
}
