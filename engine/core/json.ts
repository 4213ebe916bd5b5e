/** A JSON value: what message bodies, disk records, configs and trace fields are made of. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };
