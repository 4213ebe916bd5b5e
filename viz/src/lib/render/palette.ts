/**
 * The Okabe-Ito palette: eight colours that stay distinct for the common forms of colour
 * blindness (Okabe & Ito, "Color Universal Design", 2008). Every event kind also has its own
 * shape, so colour is never the only cue.
 */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  green: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  purple: "#CC79A7",
} as const;

/** The colours the canvas layers draw with; CSS variables carry the same values for the page. */
export interface Theme {
  name: "light" | "dark";
  bg: string;
  fg: string;
  muted: string;
  grid: string;
  laneAlt: string;
  message: string;
  reply: string;
  drop: string;
  down: string;
  paused: string;
  partition: string;
  cursor: string;
  /** Veil over the part of the run after the cursor. */
  future: string;
  highlight: string;
  divergence: string;
  violation: string;
}

/** Light theme. */
export const LIGHT: Theme = {
  name: "light", bg: "#ffffff", fg: "#1a1a1a", muted: "#6b6b6b", grid: "#e4e4e4", laneAlt: "#f6f6f6",
  message: OKABE_ITO.blue, reply: OKABE_ITO.skyBlue, drop: OKABE_ITO.vermillion,
  down: "rgba(213,94,0,0.16)", paused: "rgba(230,159,0,0.20)", partition: "rgba(204,121,167,0.14)",
  cursor: "#1a1a1a", future: "rgba(255,255,255,0.55)", highlight: OKABE_ITO.orange,
  divergence: OKABE_ITO.purple, violation: OKABE_ITO.vermillion,
};

/** Dark theme. */
export const DARK: Theme = {
  name: "dark", bg: "#16181c", fg: "#e8e8e8", muted: "#9a9a9a", grid: "#2c2f36", laneAlt: "#1c1f24",
  message: OKABE_ITO.skyBlue, reply: "#8fc9ec", drop: OKABE_ITO.vermillion,
  down: "rgba(213,94,0,0.26)", paused: "rgba(230,159,0,0.24)", partition: "rgba(204,121,167,0.22)",
  cursor: "#f0f0f0", future: "rgba(22,24,28,0.55)", highlight: OKABE_ITO.yellow,
  divergence: OKABE_ITO.purple, violation: OKABE_ITO.vermillion,
};

const STATUS_COLORS: Record<string, string> = {
  closed: OKABE_ITO.green, open: OKABE_ITO.vermillion, "half-open": OKABE_ITO.orange, half_open: OKABE_ITO.orange,
  halfopen: OKABE_ITO.orange, committed: OKABE_ITO.green, commit: OKABE_ITO.green, aborted: OKABE_ITO.vermillion,
  abort: OKABE_ITO.vermillion, prepared: OKABE_ITO.skyBlue, "pre-commit": OKABE_ITO.orange, precommit: OKABE_ITO.orange,
  precommitted: OKABE_ITO.orange, uncertain: OKABE_ITO.orange, voted: OKABE_ITO.skyBlue, leader: OKABE_ITO.blue,
  follower: OKABE_ITO.skyBlue, candidate: OKABE_ITO.orange, blocked: OKABE_ITO.purple,
};
const CYCLE = [OKABE_ITO.blue, OKABE_ITO.orange, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.skyBlue, OKABE_ITO.yellow];

/**
 * The colour of a status value: the usual meaning where there is one (open breakers and aborts
 * in vermillion, closed and committed in green), otherwise a stable pick from the palette.
 */
export function statusColor(value: string): string {
  const known = STATUS_COLORS[value.toLowerCase()];
  if (known) return known;
  let h = 0;
  for (let i = 0; i < value.length; i++) h = (h * 31 + value.charCodeAt(i)) >>> 0;
  return CYCLE[h % CYCLE.length];
}
