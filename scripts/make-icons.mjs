// Draws the app and tray icons as PNGs with no image library (zlib + a tiny PNG encoder), so the
// icons in resources/ can be regenerated from this file: `node scripts/make-icons.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const out = path.resolve(import.meta.dirname, '../resources');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
const clamp = (v) => Math.max(0, Math.min(1, v));
// A rounded square badge with a "pager" bar, colored by status; an optional small status dot.
function badge(color, { dot = null, bars = false } = {}) {
  return (x, y, size) => {
    const u = x / size, v = y / size;
    const r = 0.22;
    const inside = Math.hypot(Math.max(Math.abs(u - 0.5) - (0.5 - r - 0.04), 0), Math.max(Math.abs(v - 0.5) - (0.5 - r - 0.04), 0)) - r;
    let a = clamp(0.5 - inside * size);
    let [cr, cg, cb] = color;
    // white "P"-like glyph: a vertical stem and a bowl
    const stem = u > 0.3 && u < 0.42 && v > 0.24 && v < 0.78;
    const bowlOuter = Math.hypot((u - 0.5) / 0.2, (v - 0.42) / 0.18) < 1;
    const bowlInner = Math.hypot((u - 0.5) / 0.09, (v - 0.42) / 0.07) < 1;
    const bowl = bowlOuter && !bowlInner && u > 0.36;
    if (stem || bowl) [cr, cg, cb] = [255, 255, 255];
    if (bars && u > 0.58 && u < 0.66 && v > 0.58 && v < 0.82) [cr, cg, cb] = [255, 255, 255];
    if (bars && u > 0.72 && u < 0.8 && v > 0.58 && v < 0.82) [cr, cg, cb] = [255, 255, 255];
    if (dot) {
      const dd = Math.hypot(u - 0.8, v - 0.8);
      if (dd < 0.2) { [cr, cg, cb] = dd < 0.15 ? dot : [255, 255, 255]; a = 1; }
    }
    return [cr, cg, cb, Math.round(a * 255)];
  };
}
const GREEN = [6, 172, 56], AMBER = [240, 160, 0], RED = [214, 40, 40], GREY = [110, 110, 120], BRAND = [6, 120, 60];
const tray = {
  connected: badge(GREEN),
  needs_auth: badge(GREY, { dot: AMBER }),
  error: badge(GREY, { dot: RED }),
  paused: badge(GREY, { bars: true }),
  not_configured: badge(GREY),
};
fs.mkdirSync(path.join(out, 'tray'), { recursive: true });
for (const [name, draw] of Object.entries(tray)) {
  fs.writeFileSync(path.join(out, 'tray', `${name}.png`), png(16, draw));
  fs.writeFileSync(path.join(out, 'tray', `${name}@2x.png`), png(32, draw));
}
fs.writeFileSync(path.join(out, 'icon.png'), png(1024, badge(BRAND)));
console.log('icons written to', out);
