import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { simulate } from "../../../engine/index";
import { expectEverySeedPasses, loadLibraryFile } from "../library-kit";
import { libraryCatalogs } from "../library-modules";

const dir = fileURLToPath(new URL(".", import.meta.url));
const root = join(dir, "..", "..", "..");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

/** Loads a file with the catalogs of the modules it names (opossum's or cockatiel's client, the agreement checker). */
async function load(file: string, sets: string[] = []) {
  const catalogs = await libraryCatalogs(join(dir, file), readFileSync(join(dir, file), "utf8"));
  return { r: loadLibraryFile(dir, file, sets, catalogs), catalogs };
}

describe("third-party library: npm packages' breakers beside clustersim's, under virtual time", () => {
  it("third-party library: the scenarios are there", () => {
    expect(files).toEqual(["cockatiel-beside-breaker.yaml", "opossum-beside-profile.yaml"]);
  });

  for (const file of files) {
    it(`third-party library: ${file} passes for each of its seeds, with a description and narration that is shown`, async () => {
      const { r, catalogs } = await load(file);
      expect(r.scenario.description!.length).toBeGreaterThan(300);
      expect(r.scenario.narration!.length).toBeGreaterThanOrEqual(2);
      await expectEverySeedPasses(file, r, "full", catalogs);
    }, 120_000);
  }

  it("third-party library: breakers-agree catches opossum configured unlike the profile (a 20 s reset timeout instead of 30 s)", async () => {
    const { r, catalogs } = await load("opossum-beside-profile.yaml", ["services.2.config.options.resetTimeout=20000"]);
    const sim = await simulate(r.scenario, { seed: 1, recording: "off", ...catalogs });
    const agree = sim.result.checks.find((c) => c.name === "breakers-agree")!;
    expect(agree.status).toBe("violated");
    expect(agree.violations[0].message).toMatch(/^transition 2 to HALF_OPEN: c1\/client at 45\.0\d\d s, c2\/client at 35\.0\d\d s, more than 50 ms apart$/);
  }, 60_000);

  it("third-party library: cockatiel's jitter is its process's seeded stream: the same seed retries at the same moments, another seed elsewhere", async () => {
    const { r, catalogs } = await load("cockatiel-beside-breaker.yaml");
    const attempts = async (seed: number) => (await simulate(r.scenario, { seed, recording: "off", ...catalogs })).history
      .filter((h) => h.event === "call-attempt" && h.address === "c2/client" && h.t >= 10e6 && h.t < 10.2e6).map((h) => h.t);
    const one = await attempts(1);
    expect(one.length).toBeGreaterThan(3);
    expect(await attempts(1)).toEqual(one);
    expect(await attempts(2)).not.toEqual(one);
  }, 60_000);

  it("third-party library: a run hashes the same twice in this thread and once in another process (the command line)", async () => {
    const { r, catalogs } = await load("opossum-beside-profile.yaml");
    const hash = async () => (await simulate(r.scenario, { seed: 7, ...catalogs })).result.traceHash;
    const here = await hash();
    expect(await hash()).toBe(here);
    const out = execFileSync(process.execPath, [join(root, "bin", "clustersim.js"), "run", join(dir, "opossum-beside-profile.yaml"), "--seed", "7", "--json"], { cwd: root, encoding: "utf8" });
    expect(JSON.parse(out).traceHash).toBe(here);
  }, 120_000);
});
