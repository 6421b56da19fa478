import type { Route } from '../types.js';

export const mailRoutes: Route[] = [];
