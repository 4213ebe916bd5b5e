/** The root seed of a run: every random stream is derived from it by name. */
export type Seed = number | string;
