// Types of inventory.js, for the TypeScript test that imports it.
import type { CheckerCatalog, ProcessCatalog } from "../../engine/index";

export declare const processes: ProcessCatalog;
export declare const checkers: CheckerCatalog;
