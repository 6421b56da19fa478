import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import type { z } from 'zod';
import { AppError } from '../domain/errors.js';

const cardsDir = fileURLToPath(new URL('../../cards/', import.meta.url));
const templates = new Map<string, ACData.Template>();

/**
 * Each template is read and prepared once per process: the Template constructor parses every
 * `${…}` expression (an ANTLR parse each), which cost more than the rest of a turn's CPU when it
 * was done at every rendering (issue 16 item 4: 27 ms per agenda card). A prepared Template is
 * made to be expanded again and again; expand is synchronous and builds a fresh card each time.
 */
function template(name: string): ACData.Template {
  let prepared = templates.get(name);
  if (!prepared) {
    prepared = new ACData.Template(JSON.parse(readFileSync(`${cardsDir}${name}.json`, 'utf8')) as object);
    templates.set(name, prepared);
  }
  return prepared;
}

export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

/**
 * Binds one template from cards/ to data that has already passed its zod schema, so a card can
 * never be rendered from unchecked input.
 */
export function renderCard<S extends z.ZodType>(name: string, schema: S, data: z.input<S>): AdaptiveCardJson {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError('internal', `Card ${name} was given data that does not fit its schema`, { card: name });
  }
  const expanded = template(name).expand({ $root: parsed.data }) as AdaptiveCardJson;
  return expanded;
}
