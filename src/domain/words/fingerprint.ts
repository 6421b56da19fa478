/**
 * A hash as a person reads it: its first twelve characters, enough to match a PDF or a message to
 * the record it stands for. The whole SHA-256 lives in the filed JSON, the logs and the CLI
 * (issue 15 item 3: no 64-hex hash where people read).
 */
export function fingerprint(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}
