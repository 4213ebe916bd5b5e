import { writeFileAtomic } from "../write/write-file-atomic";
import { SCHEMA_FILE, schemaFileText } from "./schema-file";

// `npm run schema`: regenerates scenarios/schema.json from the schema written in TypeScript.
// Written to a temporary file and renamed, so an editor never reads half a schema.
const text = await schemaFileText();
writeFileAtomic(SCHEMA_FILE, text);
console.log(`wrote ${SCHEMA_FILE} (${text.length} bytes)`);
