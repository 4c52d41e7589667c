using System.Buffers.Binary;
using System.IO.Compression;

namespace EdgeSdk.Simulation.Devices;

/// <summary>
/// A small, dependency-free PNG writer for 8-bit grayscale images (what a monochrome display needs):
/// signature, IHDR, one zlib-compressed IDAT with filter type 0 on every row, IEND, each chunk with
/// its CRC-32. Enough for any PNG viewer and for a test to decode the picture back.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>
    /// Encodes <paramref name="pixels"/> (row by row, one byte per pixel, 0 black … 255 white) as a
    /// PNG of <paramref name="widthPixels"/> × <paramref name="heightPixels"/>.
    /// </summary>
    public static byte[] EncodeGray8(ReadOnlySpan<byte> pixels, int widthPixels, int heightPixels)
    {
        if (widthPixels <= 0 || heightPixels <= 0 || pixels.Length != widthPixels * heightPixels)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not make a {widthPixels}x{heightPixels} image", nameof(pixels));
        }

        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)widthPixels);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)heightPixels);
        header[8] = 8;  // bit depth
        header[9] = 0;  // colour type: grayscale
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < heightPixels; y++)
            {
                zlib.WriteByte(0); // filter type None: simple, and a 1-bit picture compresses well anyway
                zlib.Write(pixels.Slice(y * widthPixels, widthPixels));
            }
        }

        WriteChunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>The CRC-32 (ISO-HDLC, as PNG and zlib's crc32 use) of <paramref name="data"/>, continuing from <paramref name="crc"/>.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data, uint crc = 0)
    {
        crc = ~crc;
        foreach (byte b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(data, Crc32(type)));
        png.Write(word);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < table.Length; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
