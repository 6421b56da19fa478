import { foldedForChecks } from '../visible-text.js';

/**
 * "Does this look like a person's name?" for case items on an agenda. A case is named by its
 * reference number in the council's case system, never by a child's name (Sefton App 3 L551
 * "use only LCS number; no personal details"; DESIGN.md "Security"). Heuristic on purpose: it
 * catches the usual ways a name slips in (a title, "baby X", a possessive, a given name, a given
 * name and surname) and lets the capitalised phrases of social-work practice through.
 */

/** Capitalised words of practice, roles, places in the work and the calendar that are not names. */
const PRACTICE_WORDS = new Set(`
a an and the of for with to on at in by from as or is are was be re about after before into over under up down out off not no yes
child children childs young person people family families parent parents mother father mum mums dad dads carer carers foster fostering
kinship special guardianship guardian adoption adopter adopters adoptive birth unborn baby babies sibling siblings brother sister
grandparent grandparents grandma grandmother grandad grandfather nan aunt uncle cousin partner step
protection plan plans conference conferences initial review reviews reviewing section court courts hearing hearings order orders
interim final public law outline pre proceedings care cared looked after leaving leaver leavers need needs early help front door
strategy meeting meetings discussion discussions core group groups legal planning panel panels gateway threshold
team teams manager managers management service services assistant director deputy head principal senior lead professional
social worker workers work practitioner practitioners officer officers independent designated advanced practice
supervision supervisor supervisee agenda case cases caseload workload action actions update updates welfare wellbeing
assessment assessments single health visitor visitors visit visits home homes school schools education virtual college nursery
police probation youth offending justice hospital doctor gp nurse midwife midwifery mental substance misuse domestic abuse violence
neglect sexual criminal exploitation county lines missing risk risks safety signs safeguarding partnership board hub multi agency
placement placements residential emergency duty contact referral referrals closure transfer discharge step stepdown
plan pathway personal adviser advisers development training annual leave sickness absence flexible working time toil
quality assurance audit audits performance appraisal reflective reflection academy learning induction probationary
statutory key dates date deadline deadlines report reports chronology genogram letter letters consent
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october
november december today tomorrow yesterday week weeks month months year years next last first second third new old current previous
bank holiday christmas easter council borough city north south east west central local authority children's
liquid logic mosaic lcs ccms number numbers ref reference id
ofsted inspection inspections inspector crown magistrates tribunal red green rag rating
please discuss discussed check agree agreed plan planned prepare prepared ask asked need needed follow raise raised talk
concern concerns worry worries worried issue issues progress support supported supporting capacity stress
`.split(/\s+/).filter((w) => w !== ''));

/** Common given names: a single one of these, capitalised, is treated as a name. */
const GIVEN_NAMES = new Set(`
jayden jaden aiden ayden liam noah oliver olly harry jack jacob charlie thomas tom george oscar james william leo alfie joshua
freddie archie ethan isaac alexander alex joseph joe edward samuel sam logan lucas mohammed muhammad daniel dan arthur
theo theodore harrison tyler riley dylan kai kyle callum connor lewis reece ryan jordan mason ben benjamin adam luke nathan
olivia amelia isla ava emily sophia sophie grace lily mia ella isabella poppy evie jessica jess chloe ruby freya millie daisy
holly phoebe scarlett sienna layla leah megan molly jasmine paige courtney chelsea shannon kayla bethany lauren hannah
ellie erin abigail zara aisha fatima maryam nia tia keira leon kian tyrese shanice jade kirsty stacey tracey sharon karen
michael david john paul peter chris christopher andrew steven stephen richard robert rob kevin gary lee craig darren wayne
sarah emma laura rachel rebecca claire lisa nicola michelle kelly gemma natalie louise helen amy katie kate lucy
`.split(/\s+/).filter((w) => w !== ''));

const TITLES = ['Mr', 'Mrs', 'Ms', 'Miss', 'Master', 'Mx', 'Dr'];

/**
 * Given names that are also everyday words ("a grace period", "holly and ivy", "rob"): written in
 * lower case they are read as words, so only their capitalised form counts as a name.
 */
const EVERYDAY_WORDS = new Set(`
jack grace holly daisy ruby jade poppy rob mason lily harry jordan chelsea sienna jasmine shannon molly oscar ben dan tom lee kyle leo
`.split(/\s+/).filter((w) => w !== ''));

export interface NameMatch {
  /** The words that look like a name, as written. */
  readonly found: string;
  readonly why: 'title' | 'baby' | 'possessive' | 'given-name' | 'name-pair';
}

const isCapitalised = (w: string): boolean => /^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$/.test(w);
function known(word: string): boolean {
  const w = word.toLowerCase();
  return PRACTICE_WORDS.has(w) || (w.endsWith('s') && PRACTICE_WORDS.has(w.slice(0, -1)));
}
const isGivenName = (w: string): boolean => GIVEN_NAMES.has(w.toLowerCase());

/**
 * The first thing in `text` that looks like a person's name, or undefined. The text is checked as
 * a reader sees it (foldedForChecks: no zero-width characters, no combining marks, full-width
 * letters folded), first as written, then whatever its case: "jayden smith" and "JAYDEN SMITH"
 * name the same child as "Jayden Smith" (issue 16 M4).
 */
export function looksLikePersonName(input: string): NameMatch | undefined {
  const text = foldedForChecks(input);
  return asWritten(text) ?? inAnyCase(text);
}

/** Names written the usual way: capitalised words, titles, possessives. */
function asWritten(text: string): NameMatch | undefined {
  const title = new RegExp(`\\b(${TITLES.join('|')})\\.?\\s+([A-Z][a-zA-Z'-]+)`).exec(text);
  if (title) return { found: `${title[1]} ${title[2]}`, why: 'title' };

  const baby = /\bbaby\s+([A-Z][a-z]+)/i.exec(text);
  if (baby?.[1] && isCapitalised(baby[1]) && !known(baby[1])) return { found: baby[0], why: 'baby' };

  for (const m of text.matchAll(/\b([A-Z][a-z]+)['’]s?\b/g)) {
    const word = m[1] ?? '';
    if (/['’]/.test(m[0]) && !known(word)) return { found: m[0], why: 'possessive' };
  }

  const words = [...text.matchAll(/[A-Za-z][A-Za-z'’-]*/g)].map((m) => m[0].replace(/['’]s?$/, ''));

  for (let i = 0; i + 1 < words.length; i++) {
    const first = words[i] ?? '';
    const second = words[i + 1] ?? '';
    if (!isCapitalised(first) || !isCapitalised(second)) continue;
    if (known(second)) continue;
    if (!known(first) || isGivenName(first)) return { found: `${first} ${second}`, why: 'name-pair' };
  }
  for (const w of words) if (isCapitalised(w) && isGivenName(w)) return { found: w, why: 'given-name' };
  return undefined;
}

/**
 * Words not written capitalised (all lower case, all capitals, or mixed): a given name among them
 * is a name, with the next word when that looks like a surname; "mr"/"mrs" before a word that is
 * not one of practice is a title, and so are "MS", "MISS" and "MX" in capitals ("MS Teams" is not).
 * Only given names count here, so shouting "LAC CIN" or typing "caseload is too high" is let through.
 */
function inAnyCase(text: string): NameMatch | undefined {
  const words = [...text.matchAll(/\p{L}[\p{L}'’-]*/gu)].map((m) => m[0].replace(/['’]s?$/i, ''));
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (isCapitalised(word)) continue;
    const lower = word.toLowerCase();
    const next = words[i + 1];
    const surname = next !== undefined && !known(next) ? next : undefined;
    const shouted = word === word.toUpperCase();
    if (surname && (lower === 'mr' || lower === 'mrs' || (shouted && (lower === 'ms' || lower === 'miss' || lower === 'mx')))) return { found: `${word} ${surname}`, why: 'title' };
    if (GIVEN_NAMES.has(lower) && !EVERYDAY_WORDS.has(lower)) return surname ? { found: `${word} ${surname}`, why: 'name-pair' } : { found: word, why: 'given-name' };
  }
  return undefined;
}
