import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { helpCard } from '../../src/cards/help-card.js';
import { renderCard } from '../../src/cards/render-card.js';
import { welcomeCard } from '../../src/cards/welcome-card.js';
import { ZWelcomeCardData } from '../../src/cards/welcome-card.js';

// The adaptivecards package validates in Node only through its dist bundle.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

function parseEvents(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const messages: string[] = [];
  for (let i = 0; i < context.eventCount; i++) messages.push(context.getEventAt(i).message);
  return messages;
}

const rendered = {
  welcome: welcomeCard({ givenName: 'Sam', councilName: 'Testshire', role: 'supervisee', facts: [{ title: 'Job title', value: 'Social Worker' }] }),
  help: helpCard([{ usage: 'help', description: 'Shows this list.' }]),
};

describe('Adaptive Card templates (schema 1.5, what Teams renders)', () => {
  it('every template in cards/ is version 1.5 and has a renderer under test', () => {
    const files = readdirSync('cards').filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const json = JSON.parse(readFileSync(`cards/${file}`, 'utf8')) as { version: string; type: string };
      expect(json.type, file).toBe('AdaptiveCard');
      expect(json.version, file).toBe('1.5');
      expect(Object.keys(rendered), `${file} has no rendering test`).toContain(file.replace(/\.json$/, ''));
    }
  });

  it.each(Object.entries(rendered))('%s card parses with no warnings and leaves no template expression unbound', (_name, card) => {
    expect(parseEvents(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('every Action.Execute carries a verb', () => {
    const actions = JSON.stringify(rendered).match(/"type":"Action\.Execute"[^}]*/g) ?? [];
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/"verb":"\w+"/);
  });

  it('refuses to render data that does not fit the card schema', () => {
    expect(() => renderCard('welcome', ZWelcomeCardData, { givenName: '', councilName: 'x', roleIntro: 'x', facts: [], offers: ['a'] })).toThrowError(/does not fit its schema/);
  });

  it('the validator would catch a broken card (the check can fail)', () => {
    expect(parseEvents({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'NotAnElement' }] })).not.toEqual([]);
  });
});
