using System.Buffers.Binary;
using System.IO.Compression;
using EdgeSdk.Devices;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Devices.Tests;

/// <summary>Reads a panel back: text by matching 5x7 cells against the font, and PNG files by decoding them.</summary>
internal static class PanelReader
{
    /// <summary>The text on a row of a panel, trailing blanks removed; '\uFFFD' for a cell that is no glyph.</summary>
    public static string ReadRow(Func<int, int, bool> isLit, int textRow, bool inverted = false)
    {
        var chars = new char[MonochromeFrame.TextColumns];
        Span<byte> cell = stackalloc byte[Font5x7.GlyphWidthPixels];
        for (int column = 0; column < chars.Length; column++)
        {
            for (int k = 0; k < cell.Length; k++)
            {
                int value = 0;
                for (int bit = 0; bit < 8; bit++)
                {
                    if (isLit((column * Font5x7.CellWidthPixels) + k, (textRow * 8) + bit) ^ inverted)
                    {
                        value |= 1 << bit;
                    }
                }

                cell[k] = (byte)value;
            }

            chars[column] = Match(cell);
        }

        return new string(chars).TrimEnd(' ');
    }

    public static string ReadRow(VirtualSsd1306 panel, int textRow, bool inverted = false) => ReadRow(panel.IsLit, textRow, inverted);

    /// <summary>Decodes an 8-bit grayscale, non-interlaced PNG (all filter types), checking every chunk's CRC.</summary>
    public static (int Width, int Height, byte[] Pixels) DecodeGray8(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int offset = 8, width = 0, height = 0;
        using var idat = new MemoryStream();
        bool ended = false;
        while (!ended)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            ReadOnlySpan<byte> data = png.AsSpan(offset + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(PngEncoder.Crc32(png.AsSpan(offset + 4, 4 + length)), crc);
            switch (type)
            {
                case "IHDR":
                    width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                    height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                    Assert.Equal(new byte[] { 8, 0, 0, 0, 0 }, data[8..13].ToArray());
                    break;
                case "IDAT": idat.Write(data); break;
                case "IEND": ended = true; break;
            }

            offset += 12 + length;
        }

        Assert.Equal(png.Length, offset);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        byte[] raw = inflated.ToArray();
        Assert.Equal((width + 1) * height, raw.Length);
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (width + 1)];
            for (int x = 0; x < width; x++)
            {
                int a = x > 0 ? pixels[(y * width) + x - 1] : 0;
                int b = y > 0 ? pixels[((y - 1) * width) + x] : 0;
                int c = x > 0 && y > 0 ? pixels[((y - 1) * width) + x - 1] : 0;
                int v = raw[(y * (width + 1)) + 1 + x];
                pixels[(y * width) + x] = (byte)(filter switch
                {
                    0 => v,
                    1 => v + a,
                    2 => v + b,
                    3 => v + ((a + b) / 2),
                    4 => v + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }
        }

        return (width, height, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static char Match(ReadOnlySpan<byte> cell)
    {
        for (char ch = Font5x7.FirstCharacter; ch <= Font5x7.LastCharacter; ch++)
        {
            if (cell.SequenceEqual(Font5x7.GetGlyph(ch)))
            {
                return ch;
            }
        }

        return '\uFFFD';
    }
}
