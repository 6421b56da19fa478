import { z } from 'zod';

/**
 * What the bot needs of an incoming Bot Framework activity before the SDK sees it (DESIGN.md
 * "Conventions": the protocol validated with zod at the edge). The SDK itself throws, and the
 * server answered 500, for an activity without a type; a `text` that is not a string reached the
 * conversation. Unknown fields pass through untouched: Teams adds its own.
 */
const account = z.looseObject({
  id: z.string().min(1).max(400),
  name: z.string().max(400).optional(),
  aadObjectId: z.string().max(100).optional(),
});

export const ZInboundActivity = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(400).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url().max(2000),
  from: account,
  recipient: account.optional(),
  conversation: z.looseObject({ id: z.string().min(1).max(1000) }),
  /** A message's text; Teams allows about 28 KB, the server's body limit is 1 MB. */
  text: z.string().max(1_000_000).optional(),
  name: z.string().max(200).optional(),
  timestamp: z.string().max(100).optional(),
  localTimestamp: z.string().max(100).optional(),
  membersAdded: z.array(account).max(500).optional(),
});

/** What a refused request is told, by the one reason that failed: plain words, never the validator's. */
export function inboundProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a Bot Framework activity as a JSON object.';
  const parsed = ZInboundActivity.safeParse(body);
  if (parsed.success) return undefined;
  const field = String(parsed.error.issues[0]?.path[0] ?? 'activity');
  const words: Record<string, string> = {
    type: 'The activity has no type (message, invoke, event…).',
    channelId: 'The activity does not say which channel it came from.',
    serviceUrl: 'The activity has no service URL to answer on.',
    from: 'The activity does not say who sent it.',
    conversation: 'The activity does not say which conversation it belongs to.',
    text: 'The message text must be text.',
    membersAdded: 'The list of members added is not one I can read.',
  };
  return words[field] ?? 'The activity is not one I can read.';
}
