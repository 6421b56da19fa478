/**
 * Calls to the tab's API with the single sign-on token. A refusal comes back as the sentence a
 * person reads (and the policy's words when it rests on a rule); the tab shows it as it is.
 */
import type { ApiError } from '../../usecases/tab/views.js';

export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly why?: { readonly quote: string; readonly label: string },
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  download(path: string): Promise<{ blob: Blob; filename: string }>;
}

export function createApi(token: () => Promise<string>): Api {
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${await token()}` } });
    } catch {
      throw new Refusal(0, 'offline', 'Supervision Assistant could not be reached. Check your connection and try again.');
    }
    if (res.ok) return res;
    const body = (await res.json().catch(() => undefined)) as ApiError | undefined;
    throw new Refusal(res.status, body?.error.code ?? 'internal', body?.error.message ?? 'Something went wrong. Please try again.', body?.error.why);
  };
  return {
    async get<T>(path: string) {
      return (await (await call(path)).json()) as T;
    },
    async post<T>(path: string, body: unknown) {
      return (await (await call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as T;
    },
    async download(path: string) {
      const res = await call(path);
      const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'report.csv';
      return { blob: await res.blob(), filename };
    },
  };
}
