import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toAppError } from '../../src/adapters/storage/errors.js';
import type { AgendaConversationDeps } from '../../src/conversation/agenda/deps.js';
import type { ConversationContext } from '../../src/conversation/context.js';
import { handleMessage, handleVerb } from '../../src/conversation/handle-message.js';
import { personMessage } from '../../src/conversation/person-message.js';
import { AppError } from '../../src/domain/errors.js';
import { LostRaceError } from '../../src/repositories/lost-race.js';
import { InMemoryDirectory } from '../support/in-memory-directory.js';

/** What the Azure SDK throws, as its RestError carries it. */
const restError = (statusCode: number, errorCode: string) => Object.assign(new Error(`${errorCode}: the SDK's own words`), { name: 'RestError', statusCode, details: { errorCode } });
const technical = /table |version is stale|storage|Graph|HTTP \d|expected \w+, received|Invalid input|ISO 8601|ECONN/;

describe('what a refusal says to a person (issue 16 L3)', () => {
  it.each([
    ['a stale version', toAppError(restError(412, 'UpdateConditionNotSatisfied'), 'table sessions replace')],
    ['a clash', toAppError(restError(409, 'EntityAlreadyExists'), 'table agendas create')],
    ['storage out of reach', toAppError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'table records get')],
    ['storage busy', toAppError(restError(503, 'ServerBusy'), 'table records get')],
    ['a value too large for storage', toAppError(restError(413, 'RequestBodyTooLarge'), 'table records replace')],
    ['a validator\'s wording', new AppError('invalid_input', 'Invalid input: expected string, received undefined')],
    ['a zod "too big"', new AppError('invalid_input', z.string().max(2).safeParse('abc').error?.issues[0]?.message ?? '')],
    ['Graph\'s wording', new AppError('unavailable', 'Graph getSchedule failed: HTTP 503 ServiceUnavailable')],
    ['an instant the domain could not read', new AppError('invalid_input', '"x" is not an ISO 8601 instant with Z or an offset.', { value: 'x' })],
  ])('L3: %s is answered in one plain sentence', (_what, error) => {
    const said = personMessage(error);
    expect(said).not.toMatch(technical);
    expect(said).toMatch(/^[A-Z][^]*\.$/);
  });

  it('L3: sentences the product wrote for people are kept as they are', () => {
    for (const error of [
      new AppError('forbidden', 'Only your supervisor can end your supervision agreement.'),
      new AppError('conflict', 'This record cannot be changed: it is final.', { status: 'final' }),
      new LostRaceError('sessions', 10),
      new AppError('invalid_input', 'A date must be written YYYY-MM-DD.', { value: 'x' }),
    ]) expect(personMessage(error)).toBe(error.message);
  });

  it('L3: a storage failure inside a card action or a chat command reaches the person in plain words', async () => {
    const failing = new Proxy({}, { get: () => async () => { throw toAppError(restError(412, 'UpdateConditionNotSatisfied'), 'table sessions replace'); } });
    const agenda = { agreements: failing, records: failing, directory: new InMemoryDirectory(), packFor: () => { throw new Error('not reached'); }, now: () => '2026-12-02T10:00:00Z', newId: () => 'id-1' } as unknown as AgendaConversationDeps;
    const ctx: ConversationContext = { directory: new InMemoryDirectory(), councilName: 'Testshire', agenda };
    const pressed = await handleVerb(ctx, { personId: 'sw', displayName: undefined }, 'agendaConfirm', { agreementId: 'a1', sessionId: 'a1-s01', itemId: 'i1', text: 'caseload' });
    expect(pressed?.refusal?.message).toBeDefined();
    expect(pressed?.refusal?.message).not.toMatch(technical);
    const said = await handleMessage(ctx, { personId: 'sw', displayName: undefined }, 'agenda');
    expect(JSON.stringify(said)).not.toMatch(technical);
  });
});
