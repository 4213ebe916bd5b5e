/** Everything a key can do in the page. */
export type ActionId =
  | "play-pause" | "step-next" | "step-prev" | "jump-forward" | "jump-back" | "go-start" | "go-end"
  | "zoom-in" | "zoom-out" | "zoom-all" | "pan-left" | "pan-right" | "slower" | "faster"
  | "first-violation" | "next-note" | "prev-note" | "divergence" | "compare" | "edit" | "library"
  | "share" | "theme" | "language" | "help" | "close" | "presenter" | "cluster";

/** The parts of a key event the matcher reads. */
export interface KeyInput {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** One shortcut: the keys as shown in the help, and the action (the help's words for it are the message `key.<action>`, in lib/i18n). */
export interface Shortcut {
  keys: string[];
  action: ActionId;
  match: (e: KeyInput) => boolean;
}

const plain = (key: string) => (e: KeyInput) => e.key === key && !e.ctrlKey && !e.metaKey && !e.altKey;
const noShift = (key: string) => (e: KeyInput) => plain(key)(e) && !e.shiftKey;
const withShift = (key: string) => (e: KeyInput) => plain(key)(e) && !!e.shiftKey;
const any = (...ms: Array<(e: KeyInput) => boolean>) => (e: KeyInput) => ms.some((m) => m(e));

/** Every shortcut, in the order the help lists them. One table: the help and the handler read it. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ["Space", "K"], action: "play-pause", match: any(noShift(" "), noShift("k")) },
  { keys: ["→"], action: "step-next", match: noShift("ArrowRight") },
  { keys: ["←"], action: "step-prev", match: noShift("ArrowLeft") },
  { keys: ["Shift →"], action: "jump-forward", match: withShift("ArrowRight") },
  { keys: ["Shift ←"], action: "jump-back", match: withShift("ArrowLeft") },
  { keys: ["Home"], action: "go-start", match: plain("Home") },
  { keys: ["End"], action: "go-end", match: plain("End") },
  { keys: ["+", "="], action: "zoom-in", match: any(plain("+"), plain("=")) },
  { keys: ["-"], action: "zoom-out", match: any(plain("-"), plain("_")) },
  { keys: ["0"], action: "zoom-all", match: noShift("0") },
  { keys: ["["], action: "pan-left", match: plain("[") },
  { keys: ["]"], action: "pan-right", match: plain("]") },
  { keys: ["<", ","], action: "slower", match: any(plain("<"), noShift(",")) },
  { keys: [">", "."], action: "faster", match: any(plain(">"), noShift(".")) },
  { keys: ["V"], action: "first-violation", match: noShift("v") },
  { keys: ["N"], action: "next-note", match: noShift("n") },
  { keys: ["Shift N"], action: "prev-note", match: any(withShift("N"), withShift("n")) },
  { keys: ["D"], action: "divergence", match: noShift("d") },
  { keys: ["C"], action: "compare", match: noShift("c") },
  { keys: ["E"], action: "edit", match: noShift("e") },
  { keys: ["O"], action: "library", match: noShift("o") },
  { keys: ["S"], action: "share", match: noShift("s") },
  { keys: ["G"], action: "cluster", match: noShift("g") },
  { keys: ["T"], action: "theme", match: noShift("t") },
  { keys: ["L"], action: "language", match: noShift("l") },
  { keys: ["P"], action: "presenter", match: noShift("p") },
  { keys: ["?"], action: "help", match: plain("?") },
  { keys: ["Esc"], action: "close", match: plain("Escape") },
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
