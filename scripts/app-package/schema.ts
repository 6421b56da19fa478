/**
 * Validation against the official Teams app manifest schema, as @microsoft/app-manifest ships it
 * (one JSON Schema per manifestVersion, read from the package: nothing is fetched).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const compiled = new Map<string, Validate>();

export function schemaPath(manifestVersion: string): string {
  if (!/^(\d+\.\d+|devPreview)$/.test(manifestVersion)) throw new Error(`manifestVersion "${manifestVersion}" is not a version`);
  const folder = manifestVersion === 'devPreview' ? 'vDevPreview' : `v${manifestVersion}`;
  return require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/${folder}/MicrosoftTeams.schema.json`);
}

/** Schema errors as "path: message" lines; empty when the manifest is valid. */
export function schemaProblems(manifest: object & { manifestVersion?: unknown }): string[] {
  const version = String(manifest.manifestVersion ?? '');
  let path: string;
  try {
    path = schemaPath(version);
  } catch {
    return [`manifestVersion "${version}" has no schema in @microsoft/app-manifest`];
  }
  if (!existsSync(path)) return [`manifestVersion "${version}" has no schema in @microsoft/app-manifest`];
  let validate = compiled.get(path);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object) as Validate;
    compiled.set(path, validate);
  }
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(manifest)'}: ${e.message ?? 'is invalid'} (Teams manifest schema ${version})`);
}
