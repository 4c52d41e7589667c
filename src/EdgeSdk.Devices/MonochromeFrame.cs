namespace EdgeSdk.Devices;

/// <summary>
/// A 128×64 one-bit frame in the SSD1306's memory layout: eight pages of 128 column bytes, bit 0 of a
/// byte the top row of its page. The layout is the display's own so that a frame is sent as it is, in
/// one data write, and text rows of the 5×7 font fall exactly on pages.
/// </summary>
public sealed class MonochromeFrame
{
    /// <summary>Width in pixels.</summary>
    public const int WidthPixels = 128;

    /// <summary>Height in pixels.</summary>
    public const int HeightPixels = 64;

    /// <summary>Number of 8-pixel pages.</summary>
    public const int PageCount = HeightPixels / 8;

    /// <summary>Characters in a text row.</summary>
    public const int TextColumns = WidthPixels / Font5x7.CellWidthPixels;

    /// <summary>Text rows (one per page).</summary>
    public const int TextRows = PageCount;

    private readonly byte[] _pages = new byte[WidthPixels * PageCount];

    /// <summary>The frame's bytes, page by page (1024 bytes): what the display's memory receives.</summary>
    public Span<byte> Pages => _pages;

    /// <summary>Turns every pixel off.</summary>
    public void Clear() => Array.Clear(_pages);

    /// <summary>Whether the pixel at (<paramref name="xPixels"/>, <paramref name="yPixels"/>) is lit; false outside the frame.</summary>
    public bool GetPixel(int xPixels, int yPixels) =>
        Inside(xPixels, yPixels) && (_pages[(yPixels / 8 * WidthPixels) + xPixels] & (1 << (yPixels % 8))) != 0;

    /// <summary>Lights or clears one pixel; a pixel outside the frame is ignored (clipped).</summary>
    public void SetPixel(int xPixels, int yPixels, bool lit)
    {
        if (!Inside(xPixels, yPixels))
        {
            return;
        }

        int index = (yPixels / 8 * WidthPixels) + xPixels;
        byte mask = (byte)(1 << (yPixels % 8));
        _pages[index] = lit ? (byte)(_pages[index] | mask) : (byte)(_pages[index] & ~mask);
    }

    /// <summary>
    /// Draws <paramref name="text"/> on text row <paramref name="textRow"/> (0–7) from character column
    /// <paramref name="textColumn"/>, clipped at the right edge. An inverted row lights the background
    /// (used for headings). Returns the number of characters drawn.
    /// </summary>
    public int DrawText(int textRow, int textColumn, string text, bool inverted = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (textRow < 0 || textRow >= TextRows || textColumn < 0)
        {
            return 0;
        }

        int drawn = 0;
        for (int i = 0; i < text.Length && textColumn + i < TextColumns; i++)
        {
            int x = (textColumn + i) * Font5x7.CellWidthPixels;
            Span<byte> cell = _pages.AsSpan((textRow * WidthPixels) + x, Font5x7.CellWidthPixels);
            Font5x7.GetGlyph(text[i]).CopyTo(cell);
            cell[Font5x7.GlyphWidthPixels] = 0;
            if (inverted)
            {
                for (int c = 0; c < cell.Length; c++)
                {
                    cell[c] = (byte)~cell[c];
                }
            }

            drawn++;
        }

        return drawn;
    }

    private static bool Inside(int xPixels, int yPixels) =>
        xPixels >= 0 && xPixels < WidthPixels && yPixels >= 0 && yPixels < HeightPixels;
}
