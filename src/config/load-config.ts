import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { credentialExpectations, credentialProblem } from './credentials.js';
import { ZConfig, type Config } from './schema.js';

const expectations: Record<string, string> = {
  SUPERVISION_MODE: "'sandbox' or 'tenant'",
  MICROSOFT_APP_ID: "the bot's Entra application (client) id, a GUID",
  MICROSOFT_APP_PASSWORD: "a client secret of the bot's Entra application",
  MICROSOFT_APP_TENANT_ID: "the council's Entra tenant id, a GUID",
  AZURE_STORAGE_CONNECTION_STRING: 'an Azure Storage connection string',
  GRAPH_BASE_URL: 'a URL such as https://graph.microsoft.com/v1.0',
  PORT: 'a port number 0-65535',
  ...credentialExpectations,
};

/** Reads a dotenv file; variables already in the environment win, as twelve-factor apps expect. */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AppError('invalid_input', `Configuration error: cannot read env file ${path}`);
  }
  const parsed = parseEnv(text);
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Parses the configuration once. A missing or malformed variable becomes one line naming it and
 * what is expected, so startup fails in a way an IT team can act on.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ZConfig.safeParse(cleaned);
  if (result.success) {
    const problem = result.data.SUPERVISION_MODE === 'tenant' ? (credentialProblem(result.data) ?? publicUrlProblem(result.data.PUBLIC_URL)) : undefined;
    if (problem) throw new AppError('invalid_input', problem, { variable: problem.split(' ')[2] ?? 'CREDENTIAL_TYPE' });
    return result.data;
  }
  const issue = result.error.issues[0];
  const name = issue?.path.map(String).join('.') || 'SUPERVISION_MODE';
  const present = cleaned[name] !== undefined;
  const expected = expectations[name] ?? describeIssue(issue);
  throw new AppError(
    'invalid_input',
    `Configuration error: ${name} is ${present ? 'malformed' : 'missing'}; expected ${expected}`,
    { variable: name },
  );
}

/**
 * Graph delivers change notifications only to a publicly accessible, HTTPS-secured endpoint
 * (change-notifications-delivery-webhooks.md), so outside the sandbox an http:// PUBLIC_URL would
 * leave every subscription unvalidated; the sandbox on this machine may use http.
 */
function publicUrlProblem(url: string | undefined): string | undefined {
  if (url === undefined || new URL(url).protocol === 'https:') return undefined;
  return 'Configuration error: PUBLIC_URL is malformed; expected an https:// address (Microsoft Graph sends change notifications only over HTTPS)';
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'a valid value';
  return issue.message.replace(/^Invalid (input|string): /i, '');
}

export function loadConfig(options: { envFile?: string; env?: Record<string, string | undefined> } = {}): Config {
  const env = options.env ?? process.env;
  const fromFile = options.envFile ? readEnvFile(options.envFile) : {};
  return parseConfig({ ...fromFile, ...env });
}
