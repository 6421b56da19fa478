/** The embedded sandbox tenant: a Graph v1.0-compatible server seeded with the demo organisation. */
export { startSandboxTenant, ZSandboxOptions, type SandboxOptions, type SandboxStats, type SandboxTenant, type FaultConfig, type ThrottleConfig } from './graph-server.js';
export { demoOrg, scaledOrg, findPerson, describePerson, demoAliases, demoDomain, stableGuid, type DemoOrg, type DemoPerson, type DemoRole, type DemoEvent, type DemoSite, type DemoTeamsApp, type ScaleOptions } from './demo-org.js';
export { maxBatchRequests } from './routes/batch/batch-payload.js';
