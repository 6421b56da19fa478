/** A person as the directory knows them: only what supervision needs. */
export interface Person {
  readonly id: string;
  readonly displayName: string;
  readonly givenName?: string | undefined;
  readonly mail?: string | undefined;
  readonly jobTitle?: string | undefined;
  readonly department?: string | undefined;
  /** Local date 'YYYY-MM-DD' employment started, when the directory holds it. */
  readonly hireDate?: string | undefined;
}

/** The domain's view of the organisation's directory (Entra ID through Graph, or the sandbox). */
export interface Directory {
  getPerson(id: string): Promise<Person | undefined>;
  getManager(id: string): Promise<Person | undefined>;
  getDirectReports(id: string): Promise<readonly Person[]>;
  /** Cheap call proving the directory answers; used by the health check. */
  ping(): Promise<void>;
}
