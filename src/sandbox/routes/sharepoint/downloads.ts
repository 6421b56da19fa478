import { errors } from '../../errors.js';
import { sandboxHono } from '../../http/env.js';
import { bytes } from '../../http/reply.js';

/** The pre-authenticated download URL a GET …/content redirects to (any method is served). */
export const downloadRoutes = sandboxHono();

downloadRoutes.use('/:item{.*}', async (c, next) => {
  c.set('plainErrors', true);
  await next();
});

downloadRoutes.all('/:item{.*}', (c) => {
  const { store } = c.var.tenant;
  const item = store.items.get(c.req.param('item'));
  if (!item || item.folder) throw errors.driveItemNotFound();
  return bytes(200, store.contents.get(item.id) ?? Buffer.alloc(0), { 'content-type': item.mimeType ?? 'application/octet-stream' });
});
