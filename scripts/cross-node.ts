// `node --import tsx scripts/cross-node.ts [MAJOR...]` (default 22 24): determinism across hosts.
// Every library scenario at its pinned seeds is run on this Node and on each other major, the
// others under another time zone and locale, and every trace hash must equal the golden file's
// (scenarios/trace-hashes.json). The other Nodes come from the npm registry as the
// `node-linux-<arch>` packages that ship the binary, cached in node_modules/.cache/cross-node/.
// `.ci/run` runs it after `npm test`. Exit 1 on any difference, listing each.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { computeLibraryHashes, readLibraryHashes, type LibraryHashes } from "../scenarios/library/library-hashes";

if (process.argv.includes("--print")) {
  process.stdout.write(JSON.stringify(await computeLibraryHashes()));
  process.exit(0);
}

const ROOT = join(import.meta.dirname, "..");
const majors = process.argv.slice(2).filter((a) => /^\d+$/.test(a));

/** The `node` binary of a major, packed from the registry once and cached. */
function nodeBinary(major: string): string {
  const dir = join(ROOT, "node_modules/.cache/cross-node", major);
  const bin = join(dir, "bin/node");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const pkg = `node-${process.platform}-${process.arch}@${major}`;
  const tgz = execFileSync("npm", ["pack", pkg, "--silent"], { cwd: dir, encoding: "utf8", timeout: 300_000 }).trim().split("\n").pop()!;
  execFileSync("tar", ["xzf", tgz, "--strip-components=1", "package/bin/node"], { cwd: dir });
  rmSync(join(dir, tgz));
  return bin;
}

/** The library's hashes as one Node computes them, in a child process with its own environment. */
async function hashesOn(node: string, env: Record<string, string>): Promise<{ version: string; hashes: LibraryHashes; seconds: number }> {
  const t0 = performance.now();
  const run = async (args: string[]) => (await promisify(execFile)(node, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, timeout: 900_000, maxBuffer: 64 << 20 })).stdout;
  const version = (await run(["--version"])).trim();
  const hashes = JSON.parse(await run(["--import", "tsx", "scripts/cross-node.ts", "--print"])) as LibraryHashes;
  return { version, hashes, seconds: (performance.now() - t0) / 1000 };
}

const golden = readLibraryHashes();
const hosts: Array<{ node: string; env: Record<string, string> }> = [
  { node: process.execPath, env: { TZ: "UTC", LC_ALL: "C" } },
  ...(majors.length > 0 ? majors : ["22", "24"]).map((m, i) => ({
    node: nodeBinary(m),
    env: i % 2 === 0 ? { TZ: "Asia/Kathmandu", LC_ALL: "de_DE.UTF-8", LANG: "de_DE.UTF-8" } : { TZ: "America/St_Johns", LC_ALL: "tr_TR.UTF-8", LANG: "tr_TR.UTF-8" },
  })),
];
const diffs: string[] = [];
// All at once: each is one process, and CI's machine has the cores for it.
const results = await Promise.all(hosts.map((h) => hashesOn(h.node, h.env)));
for (const [i, host] of hosts.entries()) {
  const { version, hashes, seconds } = results[i];
  if (hashes.traceVersion !== golden.traceVersion) diffs.push(`${version}: trace version ${hashes.traceVersion}, golden ${golden.traceVersion}`);
  let n = 0;
  for (const [file, seeds] of Object.entries(golden.hashes)) {
    for (const [seed, hash] of Object.entries(seeds)) {
      n++;
      const got = hashes.hashes[file]?.[seed];
      if (got !== hash) diffs.push(`${version} (TZ=${host.env.TZ} LC_ALL=${host.env.LC_ALL}): ${file} seed ${seed}: ${got ?? "missing"}, golden ${hash}`);
    }
  }
  for (const file of Object.keys(hashes.hashes)) if (!(file in golden.hashes)) diffs.push(`${version}: ${file} is not in the golden file (npm run hashes)`);
  console.log(`cross-node: ${version} (TZ=${host.env.TZ}, LC_ALL=${host.env.LC_ALL}): ${n} hashes in ${seconds.toFixed(1)} s`);
}
if (diffs.length > 0) {
  console.error(`cross-node: ${diffs.length} hash(es) differ from scenarios/trace-hashes.json:\n  ${diffs.join("\n  ")}`);
  process.exit(1);
}
console.log(`cross-node: the library's ${Object.keys(golden.hashes).length} scenarios hash the same on ${hosts.length} Node versions`);
