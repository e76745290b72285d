"""Draws the editor's app icons (public/icon-*.png) with the standard library
only: a dark blue tile with a white timeline (a line, three dots, three bars).
The maskable icon fills its square and keeps the drawing inside the central
80 % circle that launchers may cut it to. Run it again after changing the
drawing: python3 scripts/icons.py"""
import struct
import zlib
from pathlib import Path

BLUE = (31, 78, 121)
WHITE = (255, 255, 255)


def inside_round_rect(x, y, size, radius):
    cx = min(max(x, radius), size - radius)
    cy = min(max(y, radius), size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def drawing(x, y, scale, ox, oy):
    """Whether (x, y) is white: the timeline, in a 100-unit box at (ox, oy)."""
    u = (x - ox) / scale
    v = (y - oy) / scale
    if 27 <= u <= 31 and 18 <= v <= 82:  # the line
        return True
    for row in (26, 50, 74):
        if (u - 29) ** 2 + (v - row) ** 2 <= 7.5 ** 2:  # the dots
            return True
        width = 38 if row != 50 else 28
        if 43 <= u <= 43 + width and row - 4 <= v <= row + 4:  # the bars
            return True
    return False


def pixel(x, y, size, maskable):
    if maskable:
        scale = size * 0.62 / 100
        offset = (size - 100 * scale) / 2
        return WHITE if drawing(x, y, scale, offset, offset) else BLUE
    if not inside_round_rect(x, y, size, size * 0.18):
        return None
    scale = size * 0.8 / 100
    offset = size * 0.1
    return WHITE if drawing(x, y, scale, offset, offset) else BLUE


def png(size, maskable):
    samples = 4  # per axis, for smooth edges
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            r = g = b = a = 0
            for sy in range(samples):
                for sx in range(samples):
                    c = pixel(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples, size, maskable)
                    if c is not None:
                        r += c[0]; g += c[1]; b += c[2]; a += 255
            n = samples * samples
            covered = a // 255
            if covered:
                row += bytes((r // covered, g // covered, b // covered, a // n))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))

    def chunk(kind, data):
        body = kind + data
        return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header)
            + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b''))


if __name__ == '__main__':
    public = Path(__file__).resolve().parent.parent / 'public'
    for name, size, maskable in [('icon-192.png', 192, False), ('icon-512.png', 512, False),
                                 ('icon-maskable-512.png', 512, True)]:
        (public / name).write_bytes(png(size, maskable))
        print(f'wrote public/{name}')
