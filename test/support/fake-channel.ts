/** The tests' stand-in for Teams: the sandbox's Connector channel (src/sandbox/connector-channel.ts). */
export { activityFrom, ConnectorChannel as FakeChannel, type ChannelActivity } from '../../src/sandbox/connector-channel.js';
