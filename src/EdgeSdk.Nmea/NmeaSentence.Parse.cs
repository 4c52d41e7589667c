#nullable enable
using System.Diagnostics.CodeAnalysis;

namespace EdgeSdk.Nmea;

/// <content>One sentence from a string, for tools, tests and first steps (the stream path is <see cref="NmeaReader"/>).</content>
public sealed partial class NmeaSentence
{
    /// <summary>
    /// Frames one sentence given as text (<c>"$GNRMC,...*6A"</c>, a trailing CR/LF allowed) with the checksum
    /// checked when present. The result owns a copy of the text's bytes. Never throws.
    /// </summary>
    /// <example><c>if (NmeaSentence.TryParse(line, out NmeaSentence? s) &amp;&amp; s.TryGetDouble(7, out double knots)) ...</c></example>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NmeaSentence? sentence) =>
        TryParse(text, NmeaChecksumPolicy.CheckedWhenPresent, out sentence, out NmeaRejectReason _);

    /// <summary>
    /// Frames one sentence given as text under <paramref name="policy"/>; <paramref name="reason"/> says why
    /// it was refused: <see cref="NmeaRejectReason.Malformed"/> for null, no start character, a control or
    /// non-ASCII character or a second start character inside; the checksum reasons as in <see cref="NmeaReader"/>.
    /// Allocates the sentence and a copy of its bytes; never throws.
    /// </summary>
    public static bool TryParse(string? text, NmeaChecksumPolicy policy, [NotNullWhen(true)] out NmeaSentence? sentence, out NmeaRejectReason reason)
    {
        sentence = null;
        reason = NmeaRejectReason.Malformed;
        if (text == null)
        {
            return false;
        }

        int length = text.Length;
        while (length > 0 && (text[length - 1] == '\r' || text[length - 1] == '\n'))
        {
            length--;
        }

        if (length < 2 || (text[0] != '$' && text[0] != '!'))
        {
            return false;
        }

        // The same rules as the reader's line end: a control, non-ASCII or start character ends a line.
        byte[] bytes = new byte[length];
        int commas = 0;
        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            if (c < 0x20 || c > 0x7E || (i > 0 && (c == '$' || c == '!')))
            {
                return false;
            }

            commas += c == ',' ? 1 : 0;
            bytes[i] = (byte)c;
        }

        var framed = new NmeaSentence(commas + 2);
        reason = framed.Frame(bytes, 0, length, policy, true);
        if (reason != NmeaRejectReason.None)
        {
            return false;
        }

        sentence = framed;
        return true;
    }
}
