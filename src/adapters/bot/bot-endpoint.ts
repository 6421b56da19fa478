import type { CloudAdapter } from 'botbuilder';
import type { Request, Response } from 'restify';
import { inboundProblem } from './inbound-activity.js';
import type { SupervisionBot } from './supervision-bot.js';

/** What CloudAdapter.process writes, kept until the turn is over so the answer can be checked first. */
interface Captured {
  status: number;
  body: unknown;
}

function capture(done: (answer: Captured) => void) {
  const answer: Captured = { status: 200, body: undefined };
  return {
    socket: undefined,
    status(code: number) {
      answer.status = code;
      return this;
    },
    send(body: unknown) {
      answer.body = body;
      return this;
    },
    header() {
      return this;
    },
    end() {
      done(answer);
      return this;
    },
  };
}

const isJson = (contentType: string | undefined): boolean => /^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i.test(contentType ?? '');

/**
 * The HTTP entry for Bot Framework activities, kept here so server.ts never touches the SDK. Every
 * answer is one the product wrote (issue 16 L1, L2): not JSON is 415, an activity the protocol does
 * not allow is 400, and anything the SDK refuses before the turn starts (a forged, expired or
 * unverifiable token, whatever the library's error) is 401 with a plain sentence. The SDK runs
 * the turn only after authentication, so whether the bot's logic started tells the two apart.
 */
export function botEndpoint(adapter: CloudAdapter, bot: SupervisionBot) {
  return async (req: Request, res: Response): Promise<void> => {
    if (!isJson(req.headers['content-type'])) {
      bot.log.warn('bot.refused_activity', { reason: 'not_json' });
      res.send(415, { error: { code: 'unsupported_media_type', message: 'Send the activity as JSON (content-type application/json).' } });
      return;
    }
    const problem = inboundProblem(req.body);
    if (problem) {
      bot.log.warn('bot.refused_activity', { reason: 'invalid_activity' });
      res.send(400, { error: { code: 'invalid_input', message: problem } });
      return;
    }
    let started = false;
    let answered: Captured | undefined;
    await adapter.process(req, capture((a) => (answered = a)), async (context) => {
      started = true;
      await bot.run(context);
    });
    const answer = answered ?? { status: 500, body: undefined };
    if (!started && answer.status >= 400) {
      bot.log.warn('bot.unauthenticated', { status: answer.status });
      res.send(401, { error: { code: 'unauthenticated', message: 'This request could not be authenticated as coming from Microsoft Teams.' } });
      return;
    }
    if (answer.status >= 500) {
      bot.log.error('bot.turn_not_answered', { status: answer.status });
      res.send(answer.status, { error: { code: 'internal', message: 'The activity could not be processed.' } });
      return;
    }
    if (answer.body === undefined) res.send(answer.status);
    else res.send(answer.status, answer.body);
  };
}
