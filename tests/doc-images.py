#!/usr/bin/env python3
"""Make the documents the document tests check: real PNG and JPEG images
of several kinds, images padded to exact sizes, broken ones, and other
content under image names.

Usage: doc-images.py DIR
PNGs are built here (zlib, struct); JPEGs come from ImageMagick's convert,
and are skipped (no .jpg files) when it is not installed. Prints the list
of files made.
"""
import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))


def png(width, height, ctype, depth, rows, extra=b"", palette=None,
        trns=None):
    """rows: the raw scanlines (without filter bytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, depth, ctype, 0, 0, 0)
    raw = b"".join(b"\0" + r for r in rows)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra
    if palette is not None:
        out += chunk(b"PLTE", palette)
    if trns is not None:
        out += chunk(b"tRNS", trns)
    out += chunk(b"IDAT", zlib.compress(raw, 9))
    return out + chunk(b"IEND", b"")


def png_palette(extra=b""):
    w, h = 40, 30
    pal = b"".join(bytes((i * 16, 255 - i * 16, (i * 40) & 255))
                   for i in range(16))
    rows = [bytes(((x // 4 + y // 3) % 16) for x in range(w))
            for y in range(h)]
    return png(w, h, 3, 8, rows, extra, palette=pal, trns=b"\0\x80")


def png_rgba(w=50, h=20, extra=b""):
    rows = [b"".join(bytes((x * 5 & 255, y * 12 & 255, 128, (x + y) * 3 &
                            255)) for x in range(w)) for y in range(h)]
    return png(w, h, 6, 8, rows, extra)


def png_grey16():
    w, h = 17, 9
    rows = [b"".join(struct.pack(">H", (x * 3000 + y * 700) & 0xffff)
                     for x in range(w)) for y in range(h)]
    return png(w, h, 0, 16, rows)


def png_flip_idat(data, fix_crc):
    """One byte of the image data flipped; the CRC left wrong, or made
    right again (then only the zlib stream is broken)."""
    at = data.index(b"IDAT")
    n = struct.unpack(">I", data[at - 4:at])[0]
    body = bytearray(data[at + 4:at + 4 + n])
    body[n // 2] ^= 0x55
    crc = data[at + 4 + n:at + 8 + n]
    if fix_crc:
        crc = struct.pack(">I", zlib.crc32(b"IDAT" + body) & 0xffffffff)
    return data[:at + 4] + bytes(body) + crc + data[at + 8 + n:]


def png_short():
    """Right CRCs and zlib stream, one row fewer than IHDR promises."""
    w, h = 50, 20
    rows = [bytes((x * 5 & 255, y, 128, 255)) * 1 for x in range(w)
            for y in range(h - 1)]
    raw = b"".join(b"\0" + b"".join(rows[y * w:(y + 1) * w])
                   for y in range(h - 1))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def png_bad_filter():
    """A scanline with filter type 7 (there are five, 0 to 4)."""
    w, h = 8, 4
    raw = b"".join(bytes((7 if y == 2 else 0,)) + bytes(range(w * 3))
                   for y in range(h))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def png_interlaced():
    """A valid Adam7 interlaced RGB image of 13 x 11 pixels."""
    w, h = 13, 11
    passes = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
              (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
    raw = b""
    for x0, y0, dx, dy in passes:
        for y in range(y0, h, dy):
            row = b"".join(bytes((x * 19 & 255, y * 23 & 255, 90))
                           for x in range(x0, w, dx))
            if row:
                raw += b"\0" + row
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 1)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def png_huge():
    """IHDR promises 40000 x 40000 RGBA (6.4 GB of scanlines): refused
    before any inflating."""
    ihdr = struct.pack(">IIBBBBB", 40000, 40000, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(b"\0" * 1000, 9)) +
            chunk(b"IEND", b""))


def jpeg_scan_at(data):
    """Where the entropy-coded data of the first scan begins."""
    at = data.index(b"\xff\xda")
    return at + 2 + struct.unpack(">H", data[at + 2:at + 4])[0]


def png_sized(total):
    """A valid RGBA PNG of exactly total bytes, padded in a tEXt chunk."""
    base = len(png_rgba())
    pad = total - base - 12 - len(b"Comment\0")
    assert pad >= 0, total
    return png_rgba(extra=chunk(b"tEXt", b"Comment\0" + b"x" * pad))


def jpeg_insert(data, segments):
    """Put segments after the SOI and, when there is one, the JFIF APP0."""
    at = 2
    if data[2:4] == b"\xff\xe0":
        at = 4 + struct.unpack(">H", data[4:6])[0]
    return data[:at] + segments + data[at:]


def com_segments(total):
    """COM segments of exactly total bytes (total is 0 or at least 4)."""
    out = b""
    while total > 0:
        n = min(total, 4 + 65533)
        if 0 < total - n < 4:
            n -= 4
        out += b"\xff\xfe" + struct.pack(">H", n - 2) + b"c" * (n - 4)
        total -= n
    return out


def exif_segment():
    """An APP1 Exif segment: a little-endian TIFF header and one IFD with
    Orientation, Make and Model, as cameras and phones write them."""
    make, model = b"certwiz\0", b"test camera\0"
    n = 3
    ifd_len = 2 + n * 12 + 4
    data_at = 8 + ifd_len
    tiff = b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", n)
    tiff += struct.pack("<HHII", 0x010f, 2, len(make), data_at)
    tiff += struct.pack("<HHII", 0x0110, 2, len(model),
                        data_at + len(make))
    tiff += struct.pack("<HHIHH", 0x0112, 3, 1, 1, 0)
    tiff += struct.pack("<I", 0) + make + model
    body = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!"
       b"\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00"
       b"\x00\x02\x02D\x01\x00;")
PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
       b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
       b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
SVG = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
       b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b'<rect width="10" height="10"/></svg>\n')
HTML = (b"<!DOCTYPE html>\n<html>\n<head><title>Scan</title></head>\n"
        b"<body><p>my business licence</p></body>\n</html>\n")
PHP = b"<?php\n// not a picture\necho 'hello';\nsystem($_GET['c']);\n?>\n"


def zip_bytes():
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr(zipfile.ZipInfo("licence.png", (2026, 1, 1, 0, 0, 0)),
                   png_palette())
    return b.getvalue()


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    files = {}
    files["palette.png"] = png_palette()
    files["rgba.png"] = png_rgba()
    files["grey16.png"] = png_grey16()
    files["png-512000.png"] = png_sized(512000)
    files["png-512001.png"] = png_sized(512001)
    files["phone-photo.png"] = png_sized(3250585)
    files["trailing.png"] = png_rgba() + PHP
    full = png_palette()
    files["truncated.png"] = full[:len(full) - 30]
    files["no-iend.png"] = full[:len(full) - 12]
    files["bad-crc.png"] = png_flip_idat(png_rgba(), False)
    files["bad-zlib.png"] = png_flip_idat(png_rgba(), True)
    files["short-idat.png"] = png_short()
    files["bad-filter.png"] = png_bad_filter()
    files["interlaced.png"] = png_interlaced()
    files["huge.png"] = png_huge()
    files["gif.png"] = GIF
    files["scan.jpg"] = PDF
    files["zip.jpg"] = zip_bytes()
    files["svg.png"] = SVG
    files["html.jpg"] = HTML
    files["php.png"] = PHP
    files["empty.png"] = b""

    convert = shutil.which("convert")
    if convert is not None:
        def im(*args):
            return subprocess.run([convert] + list(args) + ["jpeg:-"],
                                  check=True, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL).stdout
        base = im("-size", "64x48", "gradient:red-blue", "-quality", "85")
        files["baseline.jpg"] = base
        files["progressive.jpg"] = im("-size", "80x60",
                                      "plasma:fractal", "-seed", "7",
                                      "-interlace", "JPEG")
        files["exif.jpg"] = jpeg_insert(base, exif_segment())
        files["grey.jpg"] = im("-size", "33x21", "gradient:white-black",
                               "-colorspace", "Gray")
        for total in (512000, 512001):
            files["jpeg-%d.jpg" % total] = jpeg_insert(
                base, com_segments(total - len(base)))
        files["truncated.jpg"] = base[:len(base) * 6 // 10]
        files["no-eoi.jpg"] = base[:-2]
        # Cut inside the image data, with the end marker put back: whole
        # by its structure, corrupt for a decoder.
        cut = (jpeg_scan_at(base) + len(base)) // 2
        while base[cut - 1] == 0xff:
            cut -= 1
        files["cut-eoi.jpg"] = base[:cut] + b"\xff\xd9"
        # A restart marker in a scan that has no restart interval.
        mid = (jpeg_scan_at(base) + len(base)) // 2
        while base[mid - 1] == 0xff:
            mid += 1
        files["stray-rst.jpg"] = base[:mid] + b"\xff\xd0" + base[mid:]
    for name, data in files.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
        print(name)


if __name__ == "__main__":
    main()
