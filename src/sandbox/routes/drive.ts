import { errors } from '../errors.js';
import type { SandboxStore, StoredDriveItem } from '../store.js';
import type { Route, RouteContext, SandboxRequest, SandboxResponse } from '../types.js';

export const driveRoutes: Route[] = [];

export function findByPath(_store: SandboxStore, _driveId: string, _path: string): StoredDriveItem | undefined {
  return undefined;
}

export async function uploadSessionRequest(_req: SandboxRequest, _ctx: RouteContext): Promise<SandboxResponse> {
  throw errors.driveItemNotFound();
}

export function downloadRequest(_req: SandboxRequest, _ctx: RouteContext): SandboxResponse {
  throw errors.driveItemNotFound();
}
