/**
 * Imports a team's module by URL, TypeScript included. JavaScript goes to Node's own `import()`;
 * a `.ts`, `.mts` or `.cts` file goes through tsx's `tsImport`, which compiles it (and what it
 * imports) with a loader scoped to that one import, so nothing global changes and the built
 * clustersim command still starts without a TypeScript loader. tsx is loaded only then.
 * Node-only: the browser build never imports this file.
 */
export async function importModule(url: string): Promise<unknown> {
  if (!isTypeScript(url)) return import(/* @vite-ignore */ url);
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(url, import.meta.url);
}

/** Whether a module URL or path names a TypeScript file. */
export function isTypeScript(url: string): boolean {
  return /\.[mc]?tsx?$/i.test(url.replace(/[?#].*$/, ""));
}
