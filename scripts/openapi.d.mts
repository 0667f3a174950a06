// Types of openapi.mjs for the tests that import it by name (#openapi).
import type { AppConfig } from '#core';

/** Where the committed documents live (openapi/, with a trailing slash). */
export declare const OPENAPI_DIR: string;
/** The configuration the committed documents describe. */
export declare function documentConfig(): AppConfig;
/** File name (gateway.json, admin.json) → document text, as committed. */
export declare function openApiDocuments(config?: AppConfig): Promise<Record<string, string>>;
