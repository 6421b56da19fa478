import { z } from 'zod';
import { renderCard } from './render-card.js';

export const ZHelpCardData = z.object({
  commands: z.array(z.object({ usage: z.string().min(1), description: z.string().min(1) })).min(1),
  footer: z.string().min(1),
});

export function helpCard(commands: { usage: string; description: string }[]) {
  return renderCard('help', ZHelpCardData, {
    commands,
    footer: 'Your supervision records are seen only by you, your supervisor and the people your council\'s policy allows.',
  });
}
