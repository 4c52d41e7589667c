namespace EdgeSdk.Tracker;

/// <summary>UTF-8 encoding of a string, as protobuf strings need it (nanoFramework's mscorlib has no System.Text.Encoding).</summary>
public static class Utf8
{
    /// <summary>
    /// The UTF-8 bytes of <paramref name="text"/>; a lone surrogate becomes U+FFFD, as .NET's encoder writes it.
    /// Allocates: call once per string (device ID, topics), not per message.
    /// </summary>
    /// <param name="text">The text; null is empty.</param>
    public static byte[] GetBytes(string text)
    {
        text = text ?? string.Empty;
        byte[] bytes = new byte[Encode(text, null)];
        Encode(text, bytes);
        return bytes;
    }

    // Writes into output when it is not null; returns the length either way (one loop, so both agree).
    private static int Encode(string text, byte[] output)
    {
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
            {
                c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                i++;
            }
            else if (c >= 0xD800 && c <= 0xDFFF)
            {
                c = 0xFFFD;
            }

            if (c < 0x80)
            {
                Put(output, n++, c);
            }
            else if (c < 0x800)
            {
                Put(output, n++, 0xC0 | (c >> 6));
                Put(output, n++, 0x80 | (c & 0x3F));
            }
            else if (c < 0x10000)
            {
                Put(output, n++, 0xE0 | (c >> 12));
                Put(output, n++, 0x80 | ((c >> 6) & 0x3F));
                Put(output, n++, 0x80 | (c & 0x3F));
            }
            else
            {
                Put(output, n++, 0xF0 | (c >> 18));
                Put(output, n++, 0x80 | ((c >> 12) & 0x3F));
                Put(output, n++, 0x80 | ((c >> 6) & 0x3F));
                Put(output, n++, 0x80 | (c & 0x3F));
            }
        }

        return n;
    }

    private static void Put(byte[] output, int index, int value)
    {
        if (output != null)
        {
            output[index] = (byte)value;
        }
    }
}
