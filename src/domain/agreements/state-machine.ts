import { contentHash } from '../signing/canonical-json.js';
import { AppError } from '../errors.js';
import type { Agreement, AgreementEvent, AgreementStatus, AgreementTerms, Signature } from './types.js';

/**
 * The agreement's life (issue 4 item 1): the supervisor drafts and sends it, the supervisee asks
 * for changes or signs, then the supervisor signs. Sefton ¶8.3 (L254) and CB §9 (L101): "signed by
 * both parties"; the supervisee goes first so the supervisor's signature confirms the version the
 * supervisee accepted. Pure functions: time and ids come in as arguments.
 *
 *   draft → awaiting-supervisee → (changes-requested → awaiting-supervisee)* → awaiting-supervisor → signed → booked
 */
export type Party = 'supervisor' | 'supervisee';

export interface Actor {
  /** Entra object id from the authenticated activity, never from card data. */
  readonly id: string;
  readonly name: string;
}

const transitions: Readonly<Record<AgreementStatus, readonly AgreementStatus[]>> = {
  draft: ['awaiting-supervisee'],
  'awaiting-supervisee': ['awaiting-supervisor', 'changes-requested', 'awaiting-supervisee'],
  'changes-requested': ['awaiting-supervisee'],
  'awaiting-supervisor': ['signed', 'awaiting-supervisee'],
  signed: ['booked', 'ended'],
  booked: ['ended'],
  ended: [],
};

export function canMove(from: AgreementStatus, to: AgreementStatus): boolean {
  return transitions[from].includes(to);
}

function move(agreement: Agreement, to: AgreementStatus, now: string, changes: Partial<Agreement>, event: Omit<AgreementEvent, 'at'>): Agreement {
  if (!canMove(agreement.status, to)) {
    throw new AppError('conflict', `This agreement is ${describeStatus(agreement.status)}, so that cannot be done now.`, { from: agreement.status, to });
  }
  const next = { ...agreement, ...changes, status: to, updatedAt: now };
  return { ...next, history: [...(agreement.history ?? []), { at: now, ...event }] };
}

export function partyOf(agreement: Agreement, personId: string | undefined): Party | undefined {
  if (!personId) return undefined;
  if (agreement.terms.supervisorId === personId) return 'supervisor';
  if (agreement.terms.superviseeId === personId) return 'supervisee';
  return undefined;
}

/** Only the two parties may act on or read an agreement (DESIGN.md "Security": decided in the domain). */
export function requireParty(agreement: Agreement, personId: string | undefined): Party {
  const party = partyOf(agreement, personId);
  if (!party) throw new AppError('forbidden', 'Only the supervisor and the supervisee named in this agreement can see or act on it.');
  return party;
}

/**
 * What a signature covers: the agreement id (so a signature cannot be moved to another agreement
 * with the same terms) and the terms as shown on the card.
 */
export function termsHash(agreement: Pick<Agreement, 'id' | 'terms'>): string {
  return contentHash({ agreementId: agreement.id, terms: agreement.terms });
}

export function draftAgreement(input: {
  id: string;
  terms: AgreementTerms;
  now: string;
  parties: { supervisorName: string; superviseeName: string };
}): Agreement {
  if (input.terms.supervisorId === input.terms.superviseeId) {
    throw new AppError('invalid_input', 'A person cannot supervise themselves.');
  }
  return {
    id: input.id,
    terms: input.terms,
    status: 'draft',
    signatures: {},
    comments: [],
    createdAt: input.now,
    updatedAt: input.now,
    revision: 1,
    parties: input.parties,
  };
}

export function sendToSupervisee(agreement: Agreement, actorId: string, now: string): Agreement {
  if (requireParty(agreement, actorId) !== 'supervisor') throw new AppError('forbidden', 'Only the supervisor sends the agreement.');
  return move(agreement, 'awaiting-supervisee', now, {}, { by: actorId, event: 'sent', hash: termsHash(agreement) });
}

/** Records whether the send reached the supervisee; a state change only of delivery, not of terms. */
export function recordDelivery(agreement: Agreement, outcome: 'delivered' | 'unreachable'): Agreement {
  return { ...agreement, superviseeNotified: outcome };
}

export function requestChanges(agreement: Agreement, actorId: string, comment: string, now: string): Agreement {
  if (requireParty(agreement, actorId) !== 'supervisee') throw new AppError('forbidden', 'Only the supervisee can ask for changes; the supervisor edits the agreement instead.');
  const text = comment.trim();
  if (!text) throw new AppError('invalid_input', 'Please say what you would like changed.');
  return move(agreement, 'changes-requested', now, { comments: [...agreement.comments, { authorId: actorId, at: now, text }] }, { by: actorId, event: 'changes-requested', hash: termsHash(agreement) });
}

/**
 * New terms from the supervisor. Any signature already given covered the old terms, so it is
 * dropped and both sign again (DESIGN.md "Signatures": any amendment needs new signatures).
 */
export function reviseTerms(agreement: Agreement, actorId: string, terms: AgreementTerms, now: string, note?: string): Agreement {
  if (requireParty(agreement, actorId) !== 'supervisor') throw new AppError('forbidden', 'Only the supervisor can change the terms.');
  if (terms.supervisorId !== agreement.terms.supervisorId || terms.superviseeId !== agreement.terms.superviseeId) {
    throw new AppError('invalid_input', 'The supervisor and supervisee of an agreement cannot change; start a new agreement instead.');
  }
  const comments = note?.trim() ? [...agreement.comments, { authorId: actorId, at: now, text: note.trim() }] : agreement.comments;
  return move(
    agreement,
    'awaiting-supervisee',
    now,
    { terms, signatures: {}, comments, revision: (agreement.revision ?? 1) + 1, superviseeNotified: undefined },
    { by: actorId, event: 'revised', hash: termsHash({ id: agreement.id, terms }) },
  );
}

export type SignOutcome = { readonly kind: 'signed'; readonly agreement: Agreement } | { readonly kind: 'already-signed'; readonly agreement: Agreement };

/**
 * A signature over the hash the signer saw. A stale hash means the terms changed after their card
 * was sent: signing it would put their name to terms they never read, so it is refused.
 * Signing twice (a double click, a retried request) returns the existing signature.
 */
export function sign(agreement: Agreement, actor: Actor, hashSeen: string, now: string): SignOutcome {
  const party = requireParty(agreement, actor.id);
  const existing = agreement.signatures[party];
  if (existing && existing.hash === termsHash(agreement)) return { kind: 'already-signed', agreement };
  if (hashSeen !== termsHash(agreement)) {
    throw new AppError('precondition_failed', 'The agreement has changed since this card was sent, so this version can no longer be signed. Please review the latest version.');
  }
  const signature: Signature = { signerId: actor.id, signerName: actor.name, signedAt: now, hash: hashSeen };
  if (party === 'supervisee') {
    if (agreement.status !== 'awaiting-supervisee') throw new AppError('conflict', `This agreement is ${describeStatus(agreement.status)}, so it cannot be signed now.`);
    return { kind: 'signed', agreement: move(agreement, 'awaiting-supervisor', now, { signatures: { ...agreement.signatures, supervisee: signature } }, { by: actor.id, event: 'signed-by-supervisee', hash: hashSeen }) };
  }
  if (agreement.status !== 'awaiting-supervisor') {
    const why = agreement.status === 'awaiting-supervisee' ? 'the supervisee signs first' : `it is ${describeStatus(agreement.status)}`;
    throw new AppError('conflict', `You cannot sign yet: ${why}.`);
  }
  const supervisee = agreement.signatures.supervisee;
  if (!supervisee || supervisee.hash !== hashSeen) throw new AppError('precondition_failed', 'The supervisee signed a different version; please send the agreement to them again.');
  return { kind: 'signed', agreement: move(agreement, 'signed', now, { signatures: { ...agreement.signatures, supervisor: signature } }, { by: actor.id, event: 'signed-by-supervisor', hash: hashSeen }) };
}

/** Final when both signatures cover the current terms (DESIGN.md "Signatures"). */
export function isFullySigned(agreement: Agreement): boolean {
  const hash = termsHash(agreement);
  return agreement.signatures.supervisee?.hash === hash && agreement.signatures.supervisor?.hash === hash;
}

export function markBookingRequested(agreement: Agreement, now: string): Agreement {
  return { ...agreement, bookingRequestedAt: agreement.bookingRequestedAt ?? now };
}

export function describeStatus(status: AgreementStatus): string {
  switch (status) {
    case 'draft':
      return 'still a draft';
    case 'awaiting-supervisee':
      return 'waiting for the supervisee';
    case 'changes-requested':
      return 'back with the supervisor for changes';
    case 'awaiting-supervisor':
      return "waiting for the supervisor's signature";
    case 'signed':
      return 'signed by both';
    case 'booked':
      return 'signed and booked';
    case 'ended':
      return 'ended';
  }
}

/** Agreements that still need something from this person. */
export function needsActionFrom(agreement: Agreement, personId: string): boolean {
  const party = partyOf(agreement, personId);
  return (
    (party === 'supervisee' && agreement.status === 'awaiting-supervisee') ||
    (party === 'supervisor' && (agreement.status === 'awaiting-supervisor' || agreement.status === 'changes-requested'))
  );
}
