namespace EdgeSdk.Nmea;

/// <summary>
/// Bytes in, typed sentences out: an <see cref="NmeaReader"/> for framing plus one reusable typed
/// sentence per type. Zero allocation per sentence; never throws on input.
/// </summary>
/// <example>
/// <code>
/// var parser = new NmeaParser();
/// parser.Feed(bytes, 0, count);
/// parser.Complete();                      // end of input (omit for a live stream)
/// while (parser.Read() != NmeaSentenceType.None)
/// {
///     if (parser.Current.Type == NmeaSentenceType.Rmc) { double lat = parser.Rmc.LatitudeDegrees; }
/// }
/// </code>
/// </example>
public sealed class NmeaParser
{
    private const int MaxProprietaryDecoders = 16;

    private readonly NmeaTypedSentence[] _byType;
    private readonly int[] _minimumFields; // _byType's MinimumFieldCount, read once (they are constants)
    private readonly string[] _proprietaryAddresses = new string[MaxProprietaryDecoders];
    private readonly NmeaTypedSentence[] _proprietaryDecoders = new NmeaTypedSentence[MaxProprietaryDecoders];
    private int _proprietaryCount;

    // Current as the built-in decoder's index in _byType (its sentence type's value), or 0 for _currentOther
    // (proprietary and registered decoders): an int store per sentence where a reference would cost a GC write barrier.
    private int _currentIndex;
    private NmeaTypedSentence _currentOther;

    /// <summary>Creates a parser over a new reader with default settings (256-character lines, checksum checked when present).</summary>
    public NmeaParser() : this(new NmeaReader())
    {
    }

    /// <summary>Creates a parser over <paramref name="reader"/> (configure its length, checksum and comment settings first).</summary>
    public NmeaParser(NmeaReader reader)
    {
        Reader = reader ?? new NmeaReader();
        _byType = new NmeaTypedSentence[]
        {
            Proprietary, Rmc, Gga, Gns, Gsa, Gsv, Vtg, Gll, Zda, Gst, Gbs, Dtm, Txt, Proprietary,
        };
        _minimumFields = new int[_byType.Length];
        for (int i = 0; i < _byType.Length; i++)
        {
            _minimumFields[i] = _byType[i].MinimumFields;
        }
        _currentOther = Proprietary;
    }

    /// <summary>The framing reader (its settings and <see cref="NmeaReader.Sentence"/>).</summary>
    public NmeaReader Reader { get; }

    /// <summary>Counters: framing rejects from the reader, and accepted / unknown / invalid from decoding.</summary>
    public NmeaStatistics Statistics => Reader.Statistics;

    /// <summary>The framed sentence behind <see cref="Current"/> (raw fields).</summary>
    public NmeaSentence Sentence => Reader.Sentence;

    /// <summary>The typed sentence decoded by the last successful <see cref="Read"/> (one of the properties below, or a registered decoder).</summary>
    public NmeaTypedSentence Current => _currentIndex != 0 ? _byType[_currentIndex] : _currentOther;

    /// <summary>Why the most recently rejected line was rejected, by framing or by decoding.</summary>
    public NmeaRejectReason LastRejectReason => Statistics.LastRejectReason;

    /// <summary>The last RMC decoded.</summary>
    public RmcSentence Rmc { get; } = new RmcSentence();

    /// <summary>The last GGA decoded.</summary>
    public GgaSentence Gga { get; } = new GgaSentence();

    /// <summary>The last GNS decoded.</summary>
    public GnsSentence Gns { get; } = new GnsSentence();

    /// <summary>The last GSA decoded.</summary>
    public GsaSentence Gsa { get; } = new GsaSentence();

    /// <summary>The last GSV decoded.</summary>
    public GsvSentence Gsv { get; } = new GsvSentence();

    /// <summary>The last VTG decoded.</summary>
    public VtgSentence Vtg { get; } = new VtgSentence();

    /// <summary>The last GLL decoded.</summary>
    public GllSentence Gll { get; } = new GllSentence();

    /// <summary>The last ZDA decoded.</summary>
    public ZdaSentence Zda { get; } = new ZdaSentence();

    /// <summary>The last GST decoded.</summary>
    public GstSentence Gst { get; } = new GstSentence();

    /// <summary>The last GBS decoded.</summary>
    public GbsSentence Gbs { get; } = new GbsSentence();

    /// <summary>The last DTM decoded.</summary>
    public DtmSentence Dtm { get; } = new DtmSentence();

    /// <summary>The last TXT decoded.</summary>
    public TxtSentence Txt { get; } = new TxtSentence();

    /// <summary>The last proprietary sentence no registered decoder claimed (passed through raw).</summary>
    public ProprietarySentence Proprietary { get; } = new ProprietarySentence();

    /// <summary>Supplies the next chunk of bytes (see <see cref="NmeaReader.Feed"/>).</summary>
    public void Feed(byte[] data, int offset, int count) => Reader.Feed(data, offset, count);

    /// <summary>Marks the end of the input (see <see cref="NmeaReader.Complete"/>).</summary>
    public void Complete() => Reader.Complete();

    /// <summary>
    /// Registers a decoder for a proprietary address such as <c>"PCAS03"</c> or <c>"PSTI"</c>. Returns false
    /// when 16 are already registered or the arguments are empty. A later registration of the same address wins.
    /// </summary>
    public bool RegisterProprietary(string address, NmeaTypedSentence decoder)
    {
        if (address == null || address.Length < 2 || address[0] != 'P' || decoder == null)
        {
            return false;
        }

        for (int i = 0; i < _proprietaryCount; i++)
        {
            if (_proprietaryAddresses[i] == address)
            {
                _proprietaryDecoders[i] = decoder;
                return true;
            }
        }

        if (_proprietaryCount == MaxProprietaryDecoders)
        {
            return false;
        }

        _proprietaryAddresses[_proprietaryCount] = address;
        _proprietaryDecoders[_proprietaryCount] = decoder;
        _proprietaryCount++;
        return true;
    }

    /// <summary>
    /// Reads up to the next sentence that frames and decodes, and returns its type; rejected lines are
    /// counted and skipped. Returns <see cref="NmeaSentenceType.None"/> when the fed bytes are used up.
    /// </summary>
    public NmeaSentenceType Read()
    {
        while (Reader.Read())
        {
            NmeaRejectReason reason = Decode(Reader.Sentence);
            if (reason == NmeaRejectReason.None)
            {
                return _currentIndex != 0 ? (NmeaSentenceType)_currentIndex : _currentOther.Type;
            }
        }

        return NmeaSentenceType.None;
    }

    /// <summary>
    /// Decodes a whole, self-contained input (a capture file) and returns how many sentences were
    /// accepted; the reader is then ready for the next input. Typed results are not kept: use
    /// <see cref="Read"/> to look at each sentence. For throughput measurements and counting.
    /// </summary>
    public long DecodeAll(byte[] data, int offset, int count)
    {
        long before = Statistics.Accepted;
        Feed(data, offset, count);
        Complete();
        while (Read() != NmeaSentenceType.None)
        {
        }

        Reader.Reset();
        return Statistics.Accepted - before;
    }

    /// <summary>
    /// Decodes one framed sentence (for callers doing their own framing) into the matching typed
    /// sentence, which becomes <see cref="Current"/>, and counts it as accepted or rejected.
    /// </summary>
    public NmeaRejectReason Decode(NmeaSentence sentence)
    {
        NmeaRejectReason reason;
        NmeaTypedSentence target = null!;
        int index = 0;
        if (sentence == null)
        {
            return NmeaRejectReason.Malformed;
        }

        if (sentence.Talker == NmeaTalker.Proprietary)
        {
            target = Proprietary;
            for (int i = 0; i < _proprietaryCount; i++)
            {
                if (sentence.AddressIs(_proprietaryAddresses[i]))
                {
                    target = _proprietaryDecoders[i];
                    break;
                }
            }

            reason = target.Decode(sentence);
        }
        else if (sentence.Type == NmeaSentenceType.None)
        {
            reason = sentence.Talker == NmeaTalker.Unknown ? NmeaRejectReason.UnknownTalker : NmeaRejectReason.UnknownType;
        }
        else
        {
            index = (int)sentence.Type;
            target = _byType[index];
            reason = sentence.FieldCount < _minimumFields[index] ? NmeaRejectReason.MissingFields : target.DecodeFields(sentence);
        }

        if (reason != NmeaRejectReason.None)
        {
            Statistics.Reject(reason);
            return reason;
        }

        if (index == 0)
        {
            _currentOther = target;
        }

        _currentIndex = index;

        Statistics.Accepted++;
        return reason;
    }
}
