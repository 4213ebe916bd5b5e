import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Determinism is the product: nothing in engine/ may read the wall clock, host timers or
// Math.random. Tests and benchmarks may (they measure wall time), the engine itself may not.
const ambient = [
  { name: "Date", message: "engine/ runs on virtual time: use rt.now() or the kernel's clock." },
  { name: "performance", message: "engine/ must not read the wall clock." },
  { name: "setTimeout", message: "engine/ schedules on virtual time: use rt.setTimer()." },
  { name: "setInterval", message: "engine/ schedules on virtual time: use rt.setTimer()." },
  { name: "setImmediate", message: "engine/ must not schedule on the host's event loop." },
  { name: "queueMicrotask", message: "engine/ must not schedule on the host's event loop." },
];

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "viz/dist/**", "**/*.svelte", "coverage/**", "out/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: "readonly", process: "readonly", URL: "readonly", structuredClone: "readonly",
        MessageChannel: "readonly", TextEncoder: "readonly", TextDecoder: "readonly",
        window: "readonly", document: "readonly", self: "readonly", navigator: "readonly",
        globalThis: "readonly", Buffer: "readonly", Worker: "readonly", fetch: "readonly",
        location: "readonly", history: "readonly", localStorage: "readonly", Blob: "readonly",
        requestAnimationFrame: "readonly", cancelAnimationFrame: "readonly", ResizeObserver: "readonly",
        setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly",
        setImmediate: "readonly", performance: "readonly", Date: "readonly", queueMicrotask: "readonly",
        HTMLElement: "readonly", HTMLCanvasElement: "readonly", KeyboardEvent: "readonly", MouseEvent: "readonly",
        PointerEvent: "readonly", WheelEvent: "readonly", DragEvent: "readonly", File: "readonly",
        FileReader: "readonly", Event: "readonly", CustomEvent: "readonly", matchMedia: "readonly",
        MessageEvent: "readonly", AbortController: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    files: ["engine/**/*.ts"],
    ignores: ["engine/**/*.test.ts"],
    rules: {
      "no-restricted-globals": ["error", ...ambient],
      "no-restricted-properties": ["error",
        { object: "Math", property: "random", message: "engine/ draws from seeded streams: use rt.random or a kernel stream." },
        { object: "globalThis", property: "setTimeout", message: "engine/ schedules on virtual time." },
        { object: "crypto", property: "randomUUID", message: "engine/ must not draw ambient randomness." },
      ],
      "no-restricted-imports": ["error", { patterns: [
        { group: ["node:*", "fs", "path", "os", "crypto", "worker_threads", "child_process"], message: "engine/ runs in the browser too: no Node-only imports." },
        { group: ["**/scenarios/**", "**/reports/**", "**/viz/**", "**/cli/**"], message: "engine/ is the bottom layer: it imports nothing above it." },
      ] }],
    },
  },
);
