import { writeFileAtomic } from "../write/write-file-atomic";
import { SCHEMA_FILE, schemaFileText } from "./schema-file";
import { OPTIONS_DOC_FILE, optionsDocText } from "./options-doc-file";

// `npm run schema`: regenerates scenarios/schema.json from the schema written in TypeScript, and
// docs/options.md from the families' options tables.
// Written to a temporary file and renamed, so an editor never reads half a schema.
const text = await schemaFileText();
writeFileAtomic(SCHEMA_FILE, text);
console.log(`wrote ${SCHEMA_FILE} (${text.length} bytes)`);
const doc = optionsDocText();
writeFileAtomic(OPTIONS_DOC_FILE, doc);
console.log(`wrote ${OPTIONS_DOC_FILE} (${doc.length} bytes)`);
