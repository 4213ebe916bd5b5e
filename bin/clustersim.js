#!/usr/bin/env node
// The command is TypeScript run through tsx's loader; the CLI itself lives in cli/main.ts.
import { register } from "tsx/esm/api";
register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
