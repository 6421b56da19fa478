import type { AgreementParty } from '../../domain/agreements/types.js';
import type { AppInstaller } from '../../domain/ports/messenger.js';
import type { AgreementRepository } from '../../repositories/agreements.js';

export interface InstallAppDeps {
  readonly agreements: Pick<AgreementRepository, 'get'>;
  /** Graph teamwork/installedApps (src/adapters/graph/teams-app-installer.ts): idempotent, 409 is already-installed. */
  readonly installer: AppInstaller;
  /** Whether the bot already has the person's personal chat (a stored conversation reference). */
  readonly hasReference?: ((personId: string) => Promise<boolean>) | undefined;
}

export type InstallOutcome = 'has-chat' | 'installed' | 'already-installed' | 'failed';

/**
 * Installs the app for both people of a signed agreement (issue 14 item 5), so Teams opens each
 * one's personal chat with the bot now, and the booking confirmation, reminders and escalations
 * that follow never wait on an install inside the sweep. Run by the booking job before the year
 * is booked: queued and retried with it, and safe to repeat (an installed app answers 409,
 * already-installed; someone whose chat the bot already has is not asked again). A failure is
 * returned, never thrown: the booking goes on, and the messenger still installs on first need.
 */
export async function installAppForParties(deps: InstallAppDeps, agreementId: string): Promise<Partial<Record<AgreementParty, InstallOutcome>>> {
  const agreement = await deps.agreements.get(agreementId);
  // Booked already: this is a redelivery after the work was done; nothing to install again.
  if (agreement?.status !== 'signed') return {};
  const parties: [AgreementParty, string][] = [['supervisor', agreement.terms.supervisorId], ['supervisee', agreement.terms.superviseeId]];
  const outcomes = await Promise.all(parties.map(async ([party, personId]): Promise<[AgreementParty, InstallOutcome]> => {
    if (deps.hasReference && (await deps.hasReference(personId))) return [party, 'has-chat'];
    return [party, await deps.installer.install(personId)];
  }));
  return Object.fromEntries(outcomes);
}
