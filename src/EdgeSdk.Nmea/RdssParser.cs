namespace EdgeSdk.Nmea;

/// <summary>
/// Bytes in, typed sentences out for a BeiDou RDSS terminal's port, which mixes short-message sentences
/// (<c>$BDTXR</c>, <c>$BDFKI</c>, <c>$BDICI</c>, ...) with ordinary GNSS sentences. RDSS addresses are decoded
/// into one reusable sentence per kind (no allocation per sentence); every other sentence goes to
/// <see cref="Nmea"/>, so RMC, GGA and the rest decode as usual. One table of address letters drives it.
/// Never throws on input; rejects are counted in <see cref="Statistics"/> with their reason.
/// </summary>
/// <example>
/// <code>
/// var parser = new RdssParser(new NmeaReader(4096));   // 14,000-bit messages are 3,500 hex characters
/// parser.Feed(bytes, 0, count);
/// while (parser.Read() != NmeaSentenceType.None)
/// {
///     if (parser.CurrentKind == RdssSentenceKind.Txr) { int from = parser.Txr.SenderUserId; }
/// }
/// </code>
/// </example>
public sealed class RdssParser
{
    // Indexed by RdssSentenceKind: the three letters after the talker.
    private static readonly string[] Letters = { string.Empty, "TXA", "TXR", "FKI", "ICA", "ICI", "BSI", "RMO", "TCQ", "TCI", "PWI" };

    private readonly RdssSentence[] _byKind;

    /// <summary>Creates a parser over a reader for 4,096-character lines (room for the longest BDS-3 message).</summary>
    public RdssParser() : this(new NmeaReader(4096))
    {
    }

    /// <summary>Creates a parser over <paramref name="reader"/> (give it room for the longest message expected).</summary>
    public RdssParser(NmeaReader reader)
    {
        Nmea = new NmeaParser(reader ?? new NmeaReader(4096));
        _byKind = new RdssSentence[] { null!, Txa, Txr, Fki, Ica, Ici, Bsi, Rmo, Tcq, Tci, Pwi };
        Current = Nmea.Current;
    }

    /// <summary>The parser that decodes the non-RDSS sentences (its <see cref="NmeaParser.Rmc"/>, ...).</summary>
    public NmeaParser Nmea { get; }

    /// <summary>Counters shared with <see cref="Nmea"/>: framing rejects, accepted, unknown and invalid.</summary>
    public NmeaStatistics Statistics => Nmea.Statistics;

    /// <summary>The framed sentence behind <see cref="Current"/>.</summary>
    public NmeaSentence Sentence => Nmea.Sentence;

    /// <summary>The sentence decoded by the last successful <see cref="Read"/> (an RDSS sentence or one of <see cref="Nmea"/>'s).</summary>
    public NmeaTypedSentence Current { get; private set; }

    /// <summary>Which RDSS sentence <see cref="Current"/> is, or <see cref="RdssSentenceKind.None"/> for a GNSS sentence.</summary>
    public RdssSentenceKind CurrentKind { get; private set; }

    /// <summary>The last <c>$CCTXA</c> decoded.</summary>
    public RdssTxaSentence Txa { get; } = new RdssTxaSentence();

    /// <summary>The last <c>$BDTXR</c> decoded.</summary>
    public RdssTxrSentence Txr { get; } = new RdssTxrSentence();

    /// <summary>The last <c>$BDFKI</c> decoded.</summary>
    public RdssFkiSentence Fki { get; } = new RdssFkiSentence();

    /// <summary>The last <c>$CCICA</c> decoded.</summary>
    public RdssIcaSentence Ica { get; } = new RdssIcaSentence();

    /// <summary>The last <c>$BDICI</c> decoded.</summary>
    public RdssIciSentence Ici { get; } = new RdssIciSentence();

    /// <summary>The last <c>$BDBSI</c> decoded.</summary>
    public RdssBsiSentence Bsi { get; } = new RdssBsiSentence();

    /// <summary>The last <c>$CCRMO</c> decoded.</summary>
    public RdssRmoSentence Rmo { get; } = new RdssRmoSentence();

    /// <summary>The last <c>$CCTCQ</c> decoded.</summary>
    public RdssTcqSentence Tcq { get; } = new RdssTcqSentence();

    /// <summary>The last <c>$BDTCI</c> decoded.</summary>
    public RdssTciSentence Tci { get; } = new RdssTciSentence();

    /// <summary>The last <c>$BDPWI</c> decoded.</summary>
    public RdssPwiSentence Pwi { get; } = new RdssPwiSentence();

    /// <summary>Supplies the next chunk of bytes (see <see cref="NmeaReader.Feed"/>).</summary>
    public void Feed(byte[] data, int offset, int count) => Nmea.Feed(data, offset, count);

    /// <summary>Marks the end of the input (see <see cref="NmeaReader.Complete"/>).</summary>
    public void Complete() => Nmea.Complete();

    /// <summary>
    /// Reads up to the next sentence that frames and decodes and returns its type (<see cref="NmeaSentenceType.Rdss"/>
    /// for a short-message sentence: see <see cref="CurrentKind"/>); <see cref="NmeaSentenceType.None"/> when the
    /// fed bytes are used up. Rejected lines are counted and skipped.
    /// </summary>
    public NmeaSentenceType Read()
    {
        while (Nmea.Reader.Read())
        {
            if (Decode(Nmea.Reader.Sentence) == NmeaRejectReason.None)
            {
                return Current.Type;
            }
        }

        return NmeaSentenceType.None;
    }

    /// <summary>
    /// Decodes one framed sentence: an RDSS address into its typed sentence (counted here), anything else
    /// through <see cref="NmeaParser.Decode"/>. Returns why it was refused, or <see cref="NmeaRejectReason.None"/>.
    /// </summary>
    public NmeaRejectReason Decode(NmeaSentence sentence)
    {
        RdssSentenceKind kind = KindOf(sentence);
        if (kind == RdssSentenceKind.None)
        {
            NmeaRejectReason r = Nmea.Decode(sentence);
            if (r == NmeaRejectReason.None)
            {
                Current = Nmea.Current;
                CurrentKind = RdssSentenceKind.None;
            }

            return r;
        }

        RdssSentence target = _byKind[(int)kind];
        NmeaRejectReason reason = target.Decode(sentence);
        if (reason != NmeaRejectReason.None)
        {
            Statistics.Reject(reason);
            return reason;
        }

        Current = target;
        CurrentKind = kind;
        Statistics.Accepted++;
        return reason;
    }

    /// <summary>The RDSS sentence an address names (<c>CCTXA</c>, <c>BDTXR</c>, any two talker letters), or None.</summary>
    public static RdssSentenceKind KindOf(NmeaSentence sentence)
    {
        if (sentence == null || sentence.GetFieldLength(0) != 5 || sentence.Talker == NmeaTalker.Proprietary)
        {
            return RdssSentenceKind.None;
        }

        for (int k = 1; k < Letters.Length; k++)
        {
            string l = Letters[k];
            if (sentence.GetFieldByte(0, 2) == l[0] && sentence.GetFieldByte(0, 3) == l[1] && sentence.GetFieldByte(0, 4) == l[2])
            {
                return (RdssSentenceKind)k;
            }
        }

        return RdssSentenceKind.None;
    }
}
