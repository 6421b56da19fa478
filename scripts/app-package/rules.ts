/**
 * The project's own rules for the Teams app package, beyond the official schema: every URL https,
 * every tab host in validDomains (Teams opens nothing else inside a tab), the icons Teams asks for
 * (colour 192×192; outline 32×32, white on a transparent background). Each rule returns problems
 * as sentences; an empty list passes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Every string in a JSON value with its path (`developer.websiteUrl`, `staticTabs[0].contentUrl`). */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

/** No http:// anywhere: Teams refuses insecure content, and a bot or tab URL must be TLS. */
export function httpsProblems(manifest: unknown): string[] {
  return strings(manifest)
    .filter(([path, value]) => path !== '$schema' && /^http:\/\//i.test(value.trim()))
    .map(([path, value]) => `${path} is ${value}: every URL in the manifest must be https`);
}

interface TabbedManifest {
  staticTabs?: { contentUrl?: string; websiteUrl?: string }[];
  configurableTabs?: { configurationUrl?: string }[];
  validDomains?: string[];
}

function hostMatches(host: string, domain: string): boolean {
  const d = domain.toLowerCase();
  if (d.startsWith('*.')) return host.endsWith(d.slice(1)) && host.length > d.length - 1;
  return host === d;
}

/** Every tab's host is in validDomains, once; validDomains hold host names, not URLs. */
export function validDomainProblems(manifest: object & TabbedManifest): string[] {
  const problems: string[] = [];
  const domains = manifest.validDomains ?? [];
  const seen = new Set<string>();
  for (const domain of domains) {
    if (/[/:]|^\s|\s$/.test(domain.replace(/:\d+$/, ''))) problems.push(`validDomains holds "${domain}": a host name is expected, without scheme or path`);
    if (seen.has(domain.toLowerCase())) problems.push(`validDomains lists ${domain} twice`);
    seen.add(domain.toLowerCase());
  }
  const tabUrls: [string, string | undefined][] = [
    ...(manifest.staticTabs ?? []).flatMap((t, i): [string, string | undefined][] => [[`staticTabs[${i}].contentUrl`, t.contentUrl], [`staticTabs[${i}].websiteUrl`, t.websiteUrl]]),
    ...(manifest.configurableTabs ?? []).map((t, i): [string, string | undefined] => [`configurableTabs[${i}].configurationUrl`, t.configurationUrl]),
  ];
  for (const [path, url] of tabUrls) {
    if (!url) continue;
    let host: string;
    try {
      host = new URL(url).host.toLowerCase();
    } catch {
      problems.push(`${path} is not a URL`);
      continue;
    }
    if (!domains.some((d) => hostMatches(host, d))) problems.push(`${path} is on ${host}, which validDomains does not list`);
  }
  return problems;
}

function readPng(file: string): PNG | string {
  try {
    return PNG.sync.read(readFileSync(file));
  } catch (error) {
    return `${file} is not a PNG (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The colour icon is 192×192; the outline icon 32×32 and white on transparent. */
export function iconProblems(dir: string, icons: { color: string; outline: string }): string[] {
  const problems: string[] = [];
  const color = readPng(join(dir, icons.color));
  if (typeof color === 'string') problems.push(color);
  else if (color.width !== 192 || color.height !== 192) problems.push(`the colour icon ${icons.color} is ${color.width}×${color.height}; Teams needs 192×192`);
  const outline = readPng(join(dir, icons.outline));
  if (typeof outline === 'string') return [...problems, outline];
  if (outline.width !== 32 || outline.height !== 32) problems.push(`the outline icon ${icons.outline} is ${outline.width}×${outline.height}; Teams needs 32×32`);
  let drawn = 0;
  let coloured = 0;
  for (let i = 0; i < outline.data.length; i += 4) {
    const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
    if (a === 0) continue;
    drawn += 1;
    if (r !== 255 || g !== 255 || b !== 255) coloured += 1;
  }
  if (drawn === 0) problems.push(`the outline icon ${icons.outline} is fully transparent`);
  if (coloured > 0) problems.push(`the outline icon ${icons.outline} has ${coloured} pixel(s) that are not white; Teams needs white on a transparent background`);
  if (drawn === outline.width * outline.height) problems.push(`the outline icon ${icons.outline} has no transparent background`);
  return problems;
}
