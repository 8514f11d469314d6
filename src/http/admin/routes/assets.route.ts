import type { AdminRoute } from '../admin-env.js';
import { adminAssets } from '../assets.js';

// Content-hashed names: cache for a year, never revalidate.
export const mountAssets: AdminRoute = (admin) => {
  admin.get('/assets/:file', (c) => {
    const asset = adminAssets().byPath.get(`/admin/assets/${c.req.param('file')}`);
    if (!asset) return c.body(null, 404);
    return c.body(new Uint8Array(asset.body), 200, {
      'Content-Type': asset.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });
};
