// Draws the Tickboard app icon (a white tick on a rounded teal square) as a 512x512 RGBA PNG,
// with plain node:zlib so no image tool is needed. Run: node scripts/makeIcon.mjs [out.png]
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const out = process.argv[2] ?? 'resources/icon.png'

/** Signed distance from p to the segment a-b minus a half width: < 0 inside the stroke. */
function segment(px, py, ax, ay, bx, by, halfWidth) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) - halfWidth
}

/** Signed distance to a rounded square centred in the canvas. */
function roundedSquare(px, py, half, radius) {
  const qx = Math.abs(px - SIZE / 2) - (half - radius)
  const qy = Math.abs(py - SIZE / 2) - (half - radius)
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0))
  return outside + Math.min(Math.max(qx, qy), 0) - radius
}

const coverage = (d) => Math.max(0, Math.min(1, 0.5 - d))

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1))
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1)
  pixels[row] = 0 // PNG filter type "none"
  for (let x = 0; x < SIZE; x++) {
    const px = x + 0.5
    const py = y + 0.5
    const bg = coverage(roundedSquare(px, py, 232, 96))
    // Vertical gradient from teal to a deeper blue-green.
    const t = y / SIZE
    let r = 18 + 10 * t
    let g = 168 - 60 * t
    let b = 150 - 20 * t
    const tick = Math.min(
      segment(px, py, 150, 270, 225, 345, 30),
      segment(px, py, 225, 345, 370, 175, 30)
    )
    const ink = coverage(tick) * bg
    r = r * (1 - ink) + 255 * ink
    g = g * (1 - ink) + 255 * ink
    b = b * (1 - ink) + 255 * ink
    const o = row + 1 + x * 4
    pixels[o] = Math.round(r)
    pixels[o + 1] = Math.round(g)
    pixels[o + 2] = Math.round(b)
    pixels[o + 3] = Math.round(255 * bg)
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

const header = Buffer.alloc(13)
header.writeUInt32BE(SIZE, 0)
header.writeUInt32BE(SIZE, 4)
header[8] = 8 // bit depth
header[9] = 6 // colour type RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0))
])
writeFileSync(out, png)
console.log(`${out}: ${SIZE}x${SIZE}, ${png.length} bytes`)
