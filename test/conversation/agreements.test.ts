import { describe, expect, it } from 'vitest';
import type { ConversationContext } from '../../src/conversation/context.js';
import { handleInstall, handleMessage, handleVerb } from '../../src/conversation/handle-message.js';
import type { Notifier } from '../../src/conversation/notifier.js';
import type { Reply } from '../../src/conversation/reply.js';
import { harness } from '../usecases/agreements/harness.js';

class FakeNotifier implements Notifier {
  readonly sent: { personId: string; replies: readonly Reply[] }[] = [];
  readonly reachable = new Set<string>();
  async notify(personId: string, replies: readonly Reply[]) {
    if (!this.reachable.has(personId)) return 'unreachable' as const;
    this.sent.push({ personId, replies });
    return 'delivered' as const;
  }
}

function setup() {
  const h = harness();
  const notifier = new FakeNotifier();
  let n = 0;
  const ctx: ConversationContext = { directory: h.directory, councilName: 'Testshire', agreements: h.deps, notifier, newId: () => `c0000000-0000-4000-8000-00000000000${++n}` };
  return { h, notifier, ctx };
}

const me = (id: string) => ({ personId: id, displayName: undefined });
const json = (x: unknown) => JSON.stringify(x);

function cardOf(reply: Reply | undefined) {
  expect(reply?.kind).toBe('card');
  return reply?.kind === 'card' ? (reply.card as { actions?: { verb?: string; title?: string; data?: Record<string, unknown> }[] }) : {};
}

/** What the card's inputs hold, as Teams would submit them. */
function inputsOf(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const el = n as Record<string, unknown>;
    if (typeof el['id'] === 'string' && String(el['type']).startsWith('Input.')) out[el['id']] = String(el['value'] ?? '');
    Object.values(el).forEach(walk);
  };
  walk(card);
  return out;
}

async function submitFor(ctx: ConversationContext, superviseeId: string) {
  const form = cardOf((await handleMessage(ctx, me('tm'), 'new agreement'))[0]);
  const submit = form.actions?.find((a) => a.verb === 'agreementSubmit');
  return handleVerb(ctx, me('tm'), 'agreementSubmit', { ...submit?.data, ...inputsOf(form), superviseeId, keyTasks: 'Assessments' });
}

describe('agreement conversation', () => {
  it('someone nobody reports to is told there is nobody to make an agreement with', async () => {
    const { ctx } = setup();
    const replies = await handleMessage(ctx, me('sw'), 'new agreement');
    expect(replies[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/nobody reporting to you/) });
  });

  it('the supervisor\'s welcome card has the "New supervision agreement" button', async () => {
    const { ctx } = setup();
    const card = cardOf((await handleInstall(ctx, me('tm')))[0]);
    expect(card.actions?.[0]).toMatchObject({ type: 'Action.Execute', title: 'New supervision agreement', verb: 'agreementNew' });
    const viaButton = await handleVerb(ctx, me('tm'), 'agreementNew', {});
    expect(json(viaButton?.replies)).toContain('agreementSubmit');
  });

  it('a supervisee who never talked to the bot: the sender is told, the agreement waits, and they find it on their welcome card and with "my agreement"', async () => {
    const { ctx, notifier, h } = setup();
    const outcome = await submitFor(ctx, 'sw');
    // Only what the product knows: the send did not reach them (issue 15 item 2).
    expect(json(outcome?.card)).toContain('I could not reach Sam Worker in Teams');
    expect(json(outcome?.card)).not.toContain('never opened');
    expect(json(outcome?.card)).toContain('agreementResend');
    const stored = (await h.agreements.list('agreement')).items[0]?.value;
    expect(stored).toMatchObject({ status: 'awaiting-supervisee', superviseeNotified: 'unreachable' });

    const welcome = cardOf((await handleInstall(ctx, me('sw')))[0]);
    expect(json(welcome)).toContain('Tariq Manager has sent you a supervision agreement to review and sign.');
    expect(welcome.actions?.[0]).toMatchObject({ title: 'Review the agreement', verb: 'agreementShow', data: { agreementId: stored?.id } });
    const shown = await handleVerb(ctx, me('sw'), 'agreementShow', { agreementId: stored?.id });
    expect(json(shown?.card)).toContain('agreementSign');
    const mine = cardOf((await handleMessage(ctx, me('sw'), 'my agreement'))[0]);
    expect(json(mine)).toContain('Ask for changes');

    // "Send it again" while they still cannot be reached says so, in words of its own.
    const still = await handleVerb(ctx, me('tm'), 'agreementResend', { agreementId: stored?.id });
    expect(json(still?.card)).toContain('I tried again, but I still could not reach Sam Worker in Teams');

    // Once they have talked to the bot, "Send it again" reaches them.
    notifier.reachable.add('sw');
    const again = await handleVerb(ctx, me('tm'), 'agreementResend', { agreementId: stored?.id });
    expect(json(again?.card)).toContain('Sent to Sam Worker again.');
    expect(notifier.sent.map((s) => s.personId)).toEqual(['sw']);
  });

  it('the supervisee\'s request for changes reaches the supervisor; an empty one is asked for again', async () => {
    const { ctx, notifier, h } = setup();
    notifier.reachable.add('sw').add('tm');
    await submitFor(ctx, 'sw');
    const id = (await h.agreements.list('agreement')).items[0]?.value.id;
    const empty = await handleVerb(ctx, me('sw'), 'agreementRequestChanges', { agreementId: id, comment: '  ' });
    expect(json(empty?.card)).toContain('Please say what you would like changed');
    const asked = await handleVerb(ctx, me('sw'), 'agreementRequestChanges', { agreementId: id, comment: 'Thursdays please' });
    expect(json(asked?.card)).toContain('Your comment went to Tariq Manager');
    const toTm = notifier.sent.find((s) => s.personId === 'tm');
    expect(json(toTm?.replies)).toContain('Thursdays please');
    expect(json(toTm?.replies)).toContain('agreementEdit');
  });

  it('malformed or foreign card data is refused with a message, not a crash', async () => {
    const { ctx, h, notifier } = setup();
    notifier.reachable.add('sw');
    await submitFor(ctx, 'sw');
    const id = (await h.agreements.list('agreement')).items[0]?.value.id;
    expect((await handleVerb(ctx, me('sw'), 'agreementSign', { agreementId: id }))?.refusal).toMatchObject({ status: 400, code: 'invalid_input' });
    expect((await handleVerb(ctx, me('sw'), 'agreementSign', { agreementId: 'x' }))?.refusal?.code).toBe('invalid_input');
    expect((await handleVerb(ctx, me('other'), 'agreementShow', { agreementId: id }))?.refusal).toMatchObject({ status: 403, message: expect.stringMatching(/Only the supervisor and the supervisee/) });
    expect((await handleVerb(ctx, me('sw'), 'agreementEdit', { agreementId: id }))?.refusal?.code).toBe('forbidden');
    expect((await handleVerb(ctx, { personId: undefined, displayName: 'x' }, 'agreementShow', { agreementId: id }))?.refusal?.code).toBe('forbidden');
  });

  it('without the agreement store wired, the commands say so', async () => {
    const { h } = setup();
    const bare: ConversationContext = { directory: h.directory, councilName: 'Testshire' };
    expect((await handleMessage(bare, me('tm'), 'new agreement'))[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/not available/) });
    expect(json((await handleInstall(bare, me('tm')))[0])).not.toContain('agreementNew');
  });

  it('"my agreement" with none says what happens next', async () => {
    const { ctx } = setup();
    expect((await handleMessage(ctx, me('sw'), 'my agreement'))[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/Your supervisor drafts it/) });
    expect((await handleMessage(ctx, me('tm'), 'my agreements'))[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/new agreement/) });
  });

  it('help lists the agreement commands', async () => {
    const { ctx } = setup();
    const help = json(await handleMessage(ctx, me('tm'), 'help'));
    expect(help).toContain('new agreement');
    expect(help).toContain('my agreement');
  });
});

