/**
 * `${{VAR}}` placeholders, as the Microsoft 365 Agents Toolkit writes them in appPackage/manifest.json
 * and infra/azure.parameters.json and fills them from env/.env.<name>. The project's own scripts
 * (`npm run package`, `npm run infra:parameters`) fill them the same way, so a council that does not
 * use the toolkit gets the same files.
 */
import { existsSync } from 'node:fs';
import { readEnvFile } from './load-config.js';

const placeholder = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface Filled {
  readonly text: string;
  /** Names whose variable is not defined at all. */
  readonly missing: readonly string[];
  /** Names whose variable is defined but empty. */
  readonly empty: readonly string[];
}

/** Every placeholder name in a text, once each, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(placeholder)].map((m) => m[1] ?? ''))];
}

/**
 * Replaces each placeholder with its variable's value. `escape` is applied to the value first
 * (JSON files pass a JSON string escaper so a quote in a council's name cannot break the file).
 */
export function fillPlaceholders(text: string, env: Readonly<Record<string, string | undefined>>, escape: (value: string) => string = (v) => v): Filled {
  const missing = new Set<string>();
  const empty = new Set<string>();
  const filled = text.replace(placeholder, (whole, name: string) => {
    const value = env[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    if (value === '') empty.add(name);
    return escape(value);
  });
  return { text: filled, missing: [...missing], empty: [...empty] };
}

/** Escapes a value for use inside a JSON string literal. */
export const jsonStringEscape = (value: string): string => JSON.stringify(value).slice(1, -1);

/**
 * The variables of an Agents Toolkit environment: env/.env.<name>, then env/.env.<name>.user (the
 * toolkit's file for SECRET_ values, git-ignored) when it exists; the process environment wins, as
 * it does for the toolkit in CI.
 */
export function readToolkitEnv(name: string, options: { dir?: string; env?: Readonly<Record<string, string | undefined>> } = {}): Record<string, string> {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(name)) throw new Error(`environment name "${name}" must be letters, digits and hyphens`);
  const dir = options.dir ?? 'env';
  const file = `${dir}/.env.${name}`;
  if (!existsSync(file)) throw new Error(`there is no ${file}: copy env/.env.dev to ${file} and fill it in`);
  const user = `${file}.user`;
  const fromProcess = Object.fromEntries(Object.entries(options.env ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { ...readEnvFile(file), ...(existsSync(user) ? readEnvFile(user) : {}), ...fromProcess };
}
