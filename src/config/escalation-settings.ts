import { readFileSync } from 'node:fs';
import { parseEscalationSettings, type EscalationSettings } from '../domain/escalation/settings.js';

/** The council's escalation settings file (K13: no policy gives these numbers); undefined when unset. */
export function readEscalationSettings(path: string | undefined): EscalationSettings | undefined {
  if (!path) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`Configuration error: ESCALATION_SETTINGS_FILE is malformed; expected a readable JSON file (${path})`);
  }
  try {
    return parseEscalationSettings(json);
  } catch (error) {
    throw new Error(`Configuration error: ESCALATION_SETTINGS_FILE is malformed; ${error instanceof Error ? error.message : String(error)}`);
  }
}
