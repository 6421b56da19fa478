// Preloaded into the Microsoft 365 Agents Playground, which otherwise listens on every network
// interface and would expose an unauthenticated bot to the local network. Any listen() call that
// names no host is bound to 127.0.0.1.
'use strict';
const net = require('node:net');

const original = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    if (first.path === undefined && first.host === undefined) args[0] = { ...first, host: '127.0.0.1' };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  }
  return original.apply(this, args);
};
