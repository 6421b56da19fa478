import type { CloudAdapter } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { SupervisionBot } from './supervision-bot.js';

/** The HTTP entry for Bot Framework activities, kept here so server.ts never touches the SDK. */
export function botEndpoint(adapter: CloudAdapter, bot: SupervisionBot) {
  return async (req: Request, res: Response): Promise<void> => {
    await adapter.process(req, res, (context) => bot.run(context));
  };
}
