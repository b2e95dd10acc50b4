// Draws the two Teams icons as PNGs with no dependencies: color.png (192×192) and outline.png
// (32×32, white on transparent). Run `node manifest/teams/make-icons.mjs` to regenerate.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

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
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
// A speech bubble: a circle with a small tail, white on the Aula-support blue (color) or transparent (outline).
const bubble = (size, x, y) => {
  const c = size / 2, r = size * 0.34, dx = x - c, dy = y - c * 0.95;
  const inCircle = dx * dx + dy * dy <= r * r;
  const tail = y > c + r * 0.55 && y < c + r * 1.15 && x > c - r * 0.6 && x < c - r * 0.6 + (c + r * 1.15 - y) * 0.9;
  return inCircle || tail;
};
const here = new URL('.', import.meta.url);
writeFileSync(new URL('color.png', here), png(192, (x, y) => (bubble(192, x, y) ? [255, 255, 255, 255] : [27, 63, 107, 255])));
writeFileSync(new URL('outline.png', here), png(32, (x, y) => (bubble(32, x, y) ? [255, 255, 255, 255] : [0, 0, 0, 0])));
