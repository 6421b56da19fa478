/** Lower-cases, strips punctuation and the bot's @mention so "Help!" and "@Supervision help" match. */
export function normalise(input: string): string {
  const words = input
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .toLowerCase()
    // Curly apostrophes as phones type them: "when’s" reads as "when's".
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^a-z0-9\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // A lone "?" is a request for help; elsewhere punctuation carries no meaning here.
  return words === '' && input.trim() === '?' ? '?' : words;
}
