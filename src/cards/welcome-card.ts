import { z } from 'zod';
import type { ProductRole } from '../domain/people/product-role.js';
import { renderCard } from './render-card.js';

export const ZWelcomeCardData = z.object({
  givenName: z.string().min(1),
  councilName: z.string().min(1),
  roleIntro: z.string().min(1),
  facts: z.array(z.object({ title: z.string(), value: z.string() })),
  offers: z.array(z.string().min(1)).min(1),
});

const intros: Record<ProductRole, { intro: string; offers: string[] }> = {
  supervisee: {
    intro: 'You receive supervision. I help you prepare for it and keep a signed record of it.',
    offers: [
      'Book a year of supervision sessions into your Outlook calendar when your supervision agreement is signed',
      'Help you prepare your agenda before each session, with open actions carried over',
      'Send you the record to review, sign, or disagree with',
      'Tell your supervisor, and their manager if needed, when sessions lapse',
    ],
  },
  supervisor: {
    intro: 'You supervise a team. I help you keep every supervision on time, recorded and signed.',
    offers: [
      'Draft and sign supervision agreements with each of your supervisees',
      'Book the whole year of sessions into both Outlook calendars as Teams meetings',
      'Give you the record card after each meeting and collect both signatures',
      'Show your team\'s compliance and remind you before anything falls due',
    ],
  },
  'senior-manager': {
    intro: 'You oversee supervision across teams. I bring lapses to you before an inspector finds them.',
    offers: [
      'Escalate supervision that has lapsed, with the policy paragraph that requires it',
      'Show compliance across your teams',
      'Route disagreements about records to you when you are the named senior manager',
      'Supervise your own managers with the same agreement, booking and record flow',
    ],
  },
};

export function welcomeCard(input: { givenName: string; councilName: string; role: ProductRole; facts: { title: string; value: string }[] }) {
  const text = intros[input.role];
  return renderCard('welcome', ZWelcomeCardData, {
    givenName: input.givenName,
    councilName: input.councilName,
    roleIntro: text.intro,
    facts: input.facts,
    offers: text.offers,
  });
}
