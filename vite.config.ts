import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// One config for the visualizer's build (root viz/) and for vitest (the whole repository).
// `base: "./"` keeps every asset path relative, so the built site works from any file server
// and from file:// as well.
export default defineConfig({
  root: "viz",
  base: "./",
  plugins: [svelte()],
  worker: { format: "es" },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  test: {
    root: ".",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**", "viz/dist/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
