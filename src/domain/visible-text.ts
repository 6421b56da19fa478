/**
 * Text as a reader sees it. Zero-width spaces and joiners, soft hyphens, bidirectional marks and
 * other format characters draw nothing, so they are removed before text is checked or stored:
 * "Jay\u200Bden" is "Jayden" to a reader and must be to a check too, and an item made only of
 * them is empty (issue 16 M4, L5). Every kind of space (no-break, ideographic) becomes one space.
 */
export function visibleText(text: string): string {
  return text.replace(/\p{Cf}/gu, '').replace(/\s+/gu, ' ').trim();
}

/** Whether the text has anything to read: a letter or a digit once format characters are gone. */
export function hasReadableContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(visibleText(text));
}

/**
 * The form the name check compares: compatibility letters folded to their plain form (full-width
 * "Ｊａｙｄｅｎ" is "Jayden"), format characters and combining marks removed ("J̲a̲y̲d̲e̲n̲").
 */
export function foldedForChecks(text: string): string {
  return visibleText(text.normalize('NFKD')).replace(/\p{M}/gu, '').normalize('NFC');
}
