export { until } from '../../src/sandbox/until.js';
