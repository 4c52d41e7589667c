#nullable enable
using System.Diagnostics.CodeAnalysis;

namespace EdgeSdk.Nmea;

/// <content>One typed sentence from a string, and a readable <see cref="ToString"/>.</content>
public abstract partial class NmeaTypedSentence
{
    /// <summary>
    /// Decodes one sentence given as text into a new typed sentence (<see cref="RmcSentence"/>,
    /// <see cref="GgaSentence"/>, ...; <see cref="ProprietarySentence"/> for <c>$P...</c>), checksum checked
    /// when present. Allocates a parser per call (see <see cref="NmeaParser"/> for streams, which allocates
    /// nothing per sentence); never throws.
    /// </summary>
    /// <example>
    /// <code>
    /// if (NmeaTypedSentence.TryParse("$GNRMC,...", out NmeaTypedSentence? s) &amp;&amp; s is RmcSentence rmc)
    ///     Console.WriteLine(rmc.LatitudeDegrees);
    /// </code>
    /// </example>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NmeaTypedSentence? sentence) =>
        TryParse(text, NmeaChecksumPolicy.CheckedWhenPresent, out sentence, out NmeaRejectReason _);

    /// <summary>
    /// Decodes one sentence given as text under <paramref name="policy"/>; <paramref name="reason"/> says why
    /// it was refused (framing reasons from <see cref="NmeaSentence.TryParse(string, NmeaChecksumPolicy, out NmeaSentence, out NmeaRejectReason)"/>,
    /// then <see cref="NmeaRejectReason.UnknownTalker"/>, <see cref="NmeaRejectReason.UnknownType"/>,
    /// <see cref="NmeaRejectReason.MissingFields"/> or <see cref="NmeaRejectReason.InvalidField"/>). Never throws.
    /// </summary>
    public static bool TryParse(string? text, NmeaChecksumPolicy policy, [NotNullWhen(true)] out NmeaTypedSentence? sentence, out NmeaRejectReason reason)
    {
        sentence = null;
        if (!NmeaSentence.TryParse(text, policy, out NmeaSentence? framed, out reason))
        {
            return false;
        }

        var parser = new NmeaParser();
        reason = parser.Decode(framed);
        if (reason != NmeaRejectReason.None)
        {
            return false;
        }

        sentence = parser.Current;
        return true;
    }

    /// <summary>
    /// The sentence as NMEA text from its current values, with <c>*HH</c> and without CR LF (allocates).
    /// On .NET the common types override this with their values in words and SI units.
    /// </summary>
    public override string ToString()
    {
        var writer = new NmeaWriter(512);
        int length = Encode(writer);
        if (length < 2)
        {
            return string.Empty;
        }

        char[] c = new char[length - 2];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = (char)writer.Buffer[i];
        }

        return new string(c);
    }
}
