/**
 * A final supervision record as a readable A4 PDF (issue 5 item 4), for the employee's
 * supervision file. pdf-lib with the standard PDF fonts (nothing downloaded, nothing embedded
 * beyond the font names). The output is a pure function of the record: the document dates come
 * from the record's signatures, never the clock, so filing the same record twice gives the same
 * bytes (and the same SharePoint content hash).
 *
 * What it shows follows the record forms (rules.md §5): Central Bedfordshire §12 (L126) every
 * standing item addressed or not applicable; Sefton App 3 (L662) actions with owner and due date;
 * Central Bedfordshire §13 (L146) personal issues discussed yes/no, never details; BIC 532 cl.10
 * (L250) disagreements kept with the record; §13 (L151) and Sefton ¶6.2 (L228) both signatures.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { RecordPdfLabels } from '../../domain/ports/supervision-file.js';
import { disagreementsOf, finalVersion } from '../../domain/records/lifecycle.js';
import type { RecordContent, SessionRecord } from '../../domain/records/schema.js';
import { dayInWords, instantInWords } from '../../domain/words/dates.js';
import { fingerprint } from '../../domain/words/fingerprint.js';

export type { RecordPdfLabels } from '../../domain/ports/supervision-file.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const BODY = 10;
const LEADING = 1.35;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.38, 0.38, 0.38);

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly mono: PDFFont;
}

/** Standard fonts speak WinAnsi only: anything else becomes '?', rather than failing the filing. */
function printable(font: PDFFont, text: string): string {
  const known = characterSet(font);
  let out = '';
  for (const ch of text.replace(/\t/g, '    ')) {
    const cp = ch.codePointAt(0) ?? 63;
    out += known.has(cp) ? ch : ch === '\u2028' || ch === '\u2029' ? ' ' : '?';
  }
  return out;
}

const characterSets = new WeakMap<PDFFont, ReadonlySet<number>>();
function characterSet(font: PDFFont): ReadonlySet<number> {
  let set = characterSets.get(font);
  if (!set) characterSets.set(font, (set = new Set(font.getCharacterSet())));
  return set;
}

/**
 * Word-wraps one paragraph; a word longer than the line is cut where it must be. Each character's
 * width is measured once and summed (drawText applies no kerning, so a drawn line is exactly as
 * wide as its characters added up): the work grows with the text's length, never with a word's length
 * squared or cubed, so one long unbroken word cannot hold up the process (issue 16 H1).
 */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const widths = new Map<string, number>();
  const widthOf = (ch: string): number => {
    let w = widths.get(ch);
    if (w === undefined) widths.set(ch, (w = font.widthOfTextAtSize(ch, size)));
    return w;
  };
  const space = widthOf(' ');
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(/ +/)) {
    const chars = Array.from(word);
    const wordWidth = chars.reduce((sum, ch) => sum + widthOf(ch), 0);
    const candidate = line ? lineWidth + space + wordWidth : wordWidth;
    if (candidate <= width) {
      line = line ? `${line} ${word}` : word;
      lineWidth = candidate;
      continue;
    }
    if (line) lines.push(line);
    if (wordWidth <= width) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    // Longer than a line: cut it greedily, at least one character a line.
    let piece = '';
    let pieceWidth = 0;
    for (const ch of chars) {
      const w = widthOf(ch);
      if (piece && pieceWidth + w > width) {
        lines.push(piece);
        piece = '';
        pieceWidth = 0;
      }
      piece += ch;
      pieceWidth += w;
    }
    line = piece;
    lineWidth = pieceWidth;
  }
  lines.push(line);
  return lines;
}

/** A cursor down the pages: starts a new page whenever the next line would not fit. */
class Writer {
  private page: PDFPage;
  private y: number;
  readonly pages: PDFPage[] = [];

  constructor(private readonly doc: PDFDocument, readonly fonts: Fonts) {
    this.page = this.newPage();
    this.y = A4[1] - MARGIN;
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage(A4);
    this.pages.push(page);
    return page;
  }

  private room(height: number): void {
    if (this.y - height >= MARGIN + 18) return;
    this.page = this.newPage();
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page unless `points` more fit: keeps a short block (a signature, an action) on one page. */
  keepTogether(points: number): void {
    this.room(points);
  }

  space(points: number): void {
    this.y -= points;
  }

  text(text: string, options: { font?: PDFFont; size?: number; indent?: number; color?: ReturnType<typeof rgb> } = {}): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? BODY;
    const indent = options.indent ?? 0;
    const width = A4[0] - 2 * MARGIN - indent;
    for (const paragraph of printable(font, text).split(/\r\n|\r|\n/)) {
      for (const line of wrap(font, size, paragraph, width)) {
        this.room(size * LEADING);
        this.y -= size * LEADING;
        if (line) this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: options.color ?? INK });
      }
    }
  }

  heading(text: string): void {
    this.room(40);
    this.space(10);
    this.text(text, { font: this.fonts.bold, size: 12.5 });
    this.space(3);
  }

  /** "Label: value" with the label in bold on its own line when the value is long. */
  field(label: string, value: string, indent = 0): void {
    const inline = `${label}: ${value}`;
    const width = A4[0] - 2 * MARGIN - indent;
    if (!value.includes('\n') && this.fonts.regular.widthOfTextAtSize(printable(this.fonts.regular, inline), BODY) <= width) {
      this.room(BODY * LEADING);
      this.y -= BODY * LEADING;
      const labelText = printable(this.fonts.bold, `${label}: `);
      this.page.drawText(labelText, { x: MARGIN + indent, y: this.y, size: BODY, font: this.fonts.bold, color: INK });
      const x = MARGIN + indent + this.fonts.bold.widthOfTextAtSize(labelText, BODY);
      this.page.drawText(printable(this.fonts.regular, value), { x, y: this.y, size: BODY, font: this.fonts.regular, color: INK });
      return;
    }
    this.text(`${label}:`, { font: this.fonts.bold, indent });
    this.text(value, { indent: indent + 12 });
  }
}

function statusWord(status: 'addressed' | 'not-applicable'): string {
  return status === 'addressed' ? 'Addressed' : 'Not applicable';
}

/**
 * Words for people (issue 15 item 3): dates and times in British long form, London time
 * ("Tuesday 9 June 2026, 15:03"); signatures as name, role and time; the hash as a short
 * fingerprint. The exact instants, the signers' ids and the whole hash are in the JSON filed beside it.
 */
const readableInstant = instantInWords;

/** A supervision session's record: standing items, agenda, case discussions, discussion, decisions, actions, personal issues. */
function sessionBody(w: Writer, content: RecordContent, labels: RecordPdfLabels): void {
  const fonts = w.fonts;
  w.heading('Standing items');
  if (content.standingItems.length === 0) w.text('None on this template.', { color: MUTED });
  content.standingItems.forEach((item, i) => {
    w.text(`${item.section ? `${item.section}: ` : ''}${item.number ?? i + 1}. ${item.text}`, { font: fonts.bold });
    w.field('Status', statusWord(item.status), 14);
    if (item.notes) w.field('Notes', item.notes, 14);
    w.space(3);
  });

  w.heading('Agenda items');
  if (content.agendaItems.length === 0) w.text('None raised.', { color: MUTED });
  content.agendaItems.forEach((item, i) => w.text(`${i + 1}. ${item.text}${item.caseRef ? ` (case ${item.caseRef})` : ''}`));

  caseDiscussions(w, content, labels);

  w.heading('Discussion');
  w.text(content.discussion);

  w.heading('Decisions');
  w.text(content.decisions || 'None recorded.', content.decisions ? {} : { color: MUTED });

  w.heading('Actions');
  if (content.actions.length === 0) w.text('None agreed.', { color: MUTED });
  content.actions.forEach((action, i) => {
    w.keepTogether(3 * BODY * LEADING + 4);
    w.text(`${i + 1}. ${action.text}`);
    w.field('Owner', action.ownerName, 14);
    w.field('Due', dayInWords(action.due), 14);
    w.space(3);
  });

  w.heading('Personal issues');
  // Central Bedfordshire §13 (L146): that they were discussed, never the details.
  w.field('Personal issues discussed', content.personalIssuesDiscussed ? 'Yes' : 'No');
}

/**
 * The case discussions (issue 14 item 2): each case item of the agenda by its reference, its
 * category in the pack's words (Camden §6 (L122-L128) sets the cadence per category; Sefton ¶7.1
 * (L235-L238) a case record every month), whether it was discussed at this session and what, and
 * whether the case was closed or transferred. The case cadence is judged by these.
 */
function caseDiscussions(w: Writer, content: RecordContent, labels: RecordPdfLabels): void {
  const cases = content.agendaItems.filter((item) => item.caseRef);
  w.heading('Case discussions');
  if (cases.length === 0) {
    w.text('No case was on the agenda.', { color: MUTED });
    return;
  }
  cases.forEach((item, i) => {
    w.keepTogether(4 * BODY * LEADING + 4);
    w.text(`${i + 1}. Case ${item.caseRef ?? ''}`, { font: w.fonts.bold });
    w.field('Category', item.category ? (labels.caseCategories?.[item.category] ?? item.category) : 'not recorded', 14);
    if (item.discussed === true) w.field('Discussed at this session', item.text, 14);
    else w.field('Discussed at this session', item.discussed === false ? `No (on the agenda: ${item.text})` : `not recorded (on the agenda: ${item.text})`, 14);
    if (item.closed) w.field('Case closed or transferred', 'Yes', 14);
    w.space(3);
  });
}

/**
 * Renders the record's final version. Throws when the record is not signed by both over one hash
 * (only a final record is filed).
 */
export async function renderRecordPdf(record: SessionRecord, labels: RecordPdfLabels): Promise<Uint8Array> {
  const final = finalVersion(record);
  if (!final?.superviseeSignature) throw new Error('renderRecordPdf: the record is not final (both signatures over one hash)');
  const content = final.content;

  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  // Dates from the record, not the clock: the same record always gives the same bytes.
  const signedLast = final.superviseeSignature.signedAt > final.supervisorSignature.signedAt ? final.superviseeSignature.signedAt : final.supervisorSignature.signedAt;
  // A review or milestone's record (issue 14 item 1) is named for what it records, never "Supervision record".
  const milestone = content.milestone;
  const recordName = milestone ? `${milestone.label} record` : 'Supervision record';
  doc.setTitle(`${recordName} of ${dayInWords(record.sessionDate)}: ${record.supervisee.name}`);
  doc.setAuthor(record.supervisor.name);
  doc.setSubject(`${recordName}, ${labels.councilName}`);
  doc.setKeywords([milestone ? 'review or milestone record' : 'supervision record', record.sessionId]);
  doc.setCreator('Supervision Assistant');
  doc.setProducer('Supervision Assistant (pdf-lib)');
  doc.setLanguage('en-GB');
  doc.setCreationDate(new Date(final.sharedAt));
  doc.setModificationDate(new Date(signedLast));

  const w = new Writer(doc, fonts);
  w.text(labels.councilName, { font: fonts.bold, size: 11, color: MUTED });
  w.space(4);
  w.text(milestone ? milestone.label : 'Supervision record', { font: fonts.bold, size: 20 });
  w.space(8);
  w.field('Supervisee', record.supervisee.name);
  w.field('Supervisor', record.supervisor.name);
  if (milestone) {
    w.field('Booked for', dayInWords(record.sessionDate));
    w.field('Took place on', dayInWords(milestone.heldOn));
  } else {
    w.field('Session date', dayInWords(record.sessionDate));
  }
  w.field('Policy', labels.policyName ?? 'The council\'s supervision policy');
  if (labels.templateName && !milestone) w.field('Record template', labels.templateName);
  w.field('Version', `${final.version} of ${record.versions.length}${record.versions.length > 1 ? ' (earlier versions are kept)' : ''}`);
  if (content.nextMeetingDate) w.field('Next meeting', dayInWords(content.nextMeetingDate));

  if (milestone) {
    // What both signed: the day it took place and its outcome (milestone-record.ts milestoneContent).
    w.heading('Outcome');
    w.text(milestone.outcome);
  } else {
    sessionBody(w, content, labels);
  }

  w.heading('Disagreements');
  if (content.disagreementNoted) w.field('Noted by the supervisor during the session', content.disagreementNoted);
  const disagreements = disagreementsOf(record);
  if (!content.disagreementNoted && disagreements.length === 0) w.text('None recorded.', { color: MUTED });
  for (const d of disagreements) {
    w.text(`Version ${d.version}: ${d.byName} disagreed on ${readableInstant(d.at)}`, { font: fonts.bold });
    w.text(d.text, { indent: 14 });
    w.text(`Version ${d.version} fingerprint: ${fingerprint(d.hash)}`, { size: 7.5, indent: 14, color: MUTED });
    w.space(3);
  }

  w.keepTogether(110);
  w.heading('Signatures');
  for (const [role, sig] of [['Supervisor', final.supervisorSignature], ['Supervisee', final.superviseeSignature]] as const) {
    w.keepTogether(4 * BODY * LEADING + 4);
    w.text(role, { font: fonts.bold });
    w.field('Name', sig.signerName, 14);
    w.field('Signed', readableInstant(sig.signedAt), 14);
    w.space(3);
  }
  w.text(`Both signatures cover the record as filed beside this PDF, in its data file; its fingerprint is ${fingerprint(final.hash)}`, { color: MUTED });
  if (labels.retention) {
    w.space(6);
    w.field('Retention', labels.retention);
  }

  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    const footer = printable(fonts.regular, `${recordName}, ${record.supervisee.name}, ${dayInWords(record.sessionDate)}, version ${final.version}. Page ${i + 1} of ${total}`);
    page.drawText(footer, { x: MARGIN, y: MARGIN - 20, size: 7.5, font: fonts.regular, color: MUTED });
  });

  return doc.save({ useObjectStreams: false });
}
