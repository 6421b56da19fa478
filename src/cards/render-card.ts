import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ACData from 'adaptivecards-templating';
import type { z } from 'zod';
import { AppError } from '../domain/errors.js';

const cardsDir = fileURLToPath(new URL('../../cards/', import.meta.url));
const templates = new Map<string, object>();

function template(name: string): object {
  let json = templates.get(name);
  if (!json) {
    json = JSON.parse(readFileSync(`${cardsDir}${name}.json`, 'utf8')) as object;
    templates.set(name, json);
  }
  return json;
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
  const expanded = new ACData.Template(template(name)).expand({ $root: parsed.data }) as AdaptiveCardJson;
  return expanded;
}
