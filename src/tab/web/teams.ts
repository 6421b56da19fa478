/**
 * The tab's view of its host through teams-js (issue 13 item 4): one app in Teams, Outlook and the
 * Microsoft 365 app. The host's name, the frame (personal tab, meeting side panel…) and the theme
 * come from app.getContext(); a capability is used only when the host says it supports it
 * (meeting.isSupported() and the like). Outside any host (the page opened on its own) the tab
 * says so instead of failing.
 */
import { app, authentication, pages } from '@microsoft/teams-js';

export type ThemeName = 'default' | 'dark' | 'contrast';

export interface HostInfo {
  /** Teams, Outlook, Office (the Microsoft 365 app)… as teams-js names it. */
  readonly hostName: string;
  /** content (personal tab), sidePanel, meetingStage, settings… */
  readonly frame: string;
  readonly theme: ThemeName;
  readonly personId?: string | undefined;
  readonly meetingId?: string | undefined;
  readonly canMeet: boolean;
  readonly canConfigure: boolean;
}

export function themeOf(value: string | undefined): ThemeName {
  return value === 'dark' ? 'dark' : value === 'contrast' ? 'contrast' : 'default';
}

function timeout<T>(ms: number, what: string): Promise<T> {
  return new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), ms));
}

/** Initialises teams-js and reads the context; undefined when no Microsoft 365 host answers. */
export async function connectToHost(onTheme: (theme: ThemeName) => void): Promise<HostInfo | undefined> {
  if (window.parent === window) return undefined;
  try {
    await Promise.race([app.initialize(), timeout(15_000, 'initialize')]);
  } catch {
    return undefined;
  }
  const context = await app.getContext();
  app.registerOnThemeChangeHandler((theme) => onTheme(themeOf(theme)));
  const info: HostInfo = {
    hostName: context.app.host.name,
    frame: context.page.frameContext ?? 'content',
    theme: themeOf(context.app.theme),
    personId: context.user?.id,
    meetingId: context.meeting?.id,
    // Only Teams opens a tab in a meeting's frames; elsewhere the meeting part is not offered.
    canMeet: context.page.frameContext === 'sidePanel' || context.page.frameContext === 'meetingStage',
    canConfigure: pages.config.isSupported(),
  };
  app.notifySuccess();
  return info;
}

/** The single sign-on token for the tab's API (the host caches and renews it). */
export async function ssoToken(): Promise<string> {
  return authentication.getAuthToken();
}
