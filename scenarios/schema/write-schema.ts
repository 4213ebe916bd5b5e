import { writeFileSync, renameSync } from "node:fs";
import { SCHEMA_FILE, schemaFileText } from "./schema-file";

// `npm run schema`: regenerates scenarios/schema.json from the schema written in TypeScript.
// Written to a temporary file and renamed, so an editor never reads half a schema.
const text = await schemaFileText();
writeFileSync(`${SCHEMA_FILE}.tmp`, text);
renameSync(`${SCHEMA_FILE}.tmp`, SCHEMA_FILE);
console.log(`wrote ${SCHEMA_FILE} (${text.length} bytes)`);
