import type { Logger, LogFields } from '../../src/observability/logger.js';

export interface CapturedLine {
  readonly level: string;
  readonly event: string;
  readonly fields: LogFields;
}

/** A Logger that keeps every line, so a test can read what the app logged (and what it must not have). */
export function capturedLog(): Logger & { readonly lines: CapturedLine[]; text(): string } {
  const lines: CapturedLine[] = [];
  const at = (level: string) => (event: string, fields: LogFields = {}) => {
    lines.push({ level, event, fields });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), text: () => lines.map((l) => JSON.stringify(l)).join('\n') };
}
