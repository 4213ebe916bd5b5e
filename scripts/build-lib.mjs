#!/usr/bin/env node
// Builds the published library into dist/: tsc emits JavaScript, declarations and source maps
// (tsconfig.build.json), then this script gives every relative import its file extension and
// copies the few files the built code reads next to itself.
//
// Why the rewrite: the sources import "./loader", which bundlers and tsx accept, but Node's ESM
// loader and TypeScript's node16 resolution want "./loader.js" (or "./dir/index.js"). Rewriting
// the emitted files keeps the sources as they are; only a specifier's tail changes, so every
// source map stays true line for line.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

/** Every file under a directory, recursively. */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** "./x" from `file` as Node wants it: "./x.js" or "./x/index.js"; untouched when it has an extension already or resolves to nothing built. */
export function withExtension(file, specifier) {
  if (/\.(m?js|json|cjs)$/.test(specifier)) return specifier;
  const target = resolve(dirname(file), specifier);
  if (existsSync(`${target}.js`)) return `${specifier}.js`;
  if (existsSync(join(target, "index.js"))) return `${specifier.replace(/\/$/, "")}/index.js`;
  return specifier;
}

// `from "./x"`, `import "./x"`, `import("./x")` and declaration files' `import("./x").T`.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}\/[^"'\n]*)\2/g;

/** Rewrites one emitted file's relative specifiers; returns whether it changed. */
function rewrite(file) {
  const text = readFileSync(file, "utf8");
  const out = text.replace(SPECIFIER, (_, lead, quote, spec) => `${lead}${quote}${withExtension(file, spec)}${quote}`);
  if (out !== text) writeFileSync(file, out);
  return out !== text;
}

/**
 * The one file the built code opens beside itself that tsc does not emit: the worker thread's
 * plain-JavaScript entry. (The scenario library and the schema ship at their source paths, which
 * the built code finds from the package root.)
 */
function copyAssets() {
  const assets = ["scenarios/runner/sweep-worker.js"];
  for (const asset of assets) {
    mkdirSync(dirname(join(dist, asset)), { recursive: true });
    copyFileSync(join(root, asset), join(dist, asset));
  }
  return assets.length;
}

function main() {
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  const emitted = walk(dist).filter((f) => /\.(js|d\.ts)$/.test(f) && statSync(f).isFile());
  const changed = emitted.filter(rewrite).length;
  const copied = copyAssets();
  console.log(`build:lib: ${emitted.length} files emitted into dist/, ${changed} rewritten to explicit extensions, ${copied} assets copied (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
