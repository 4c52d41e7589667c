namespace EdgeSdk.Nmea;

/// <summary>
/// Frames NMEA 0183 sentences out of a byte stream delivered in chunks of any size, like
/// System.Text.Json's <c>Utf8JsonReader</c>: forward-only, over the caller's bytes, no allocation.
/// </summary>
/// <remarks>
/// <para>Usage: <c>Feed(chunk, 0, n)</c>, then <c>while (Read()) use(Sentence)</c>; repeat for the next
/// chunk; call <see cref="Complete"/> at the end of the stream so a last line without CR/LF is read too.
/// A sentence starts at <c>$</c> or <c>!</c> and ends at CR, LF or CRLF (or where the next one starts, if
/// it carries a checksum). Bytes in between are skipped and counted; u-blox UBX and CASIC binary frames
/// are recognised by their sync bytes and skipped whole, so a <c>$</c> inside their payload does not
/// start a sentence. Feeding the same bytes in any chunking gives the same sentences and counters.</para>
/// <para>A sentence lying whole inside the fed chunk is read in place; one split across chunks is copied
/// into an internal buffer of <see cref="MaxSentenceLength"/> bytes. Do not change a fed chunk until
/// <see cref="Read"/> has returned false for it. One reader serves one stream on one thread (it is not
/// thread-safe).</para>
/// </remarks>
public sealed partial class NmeaReader
{
    private const int MaxBinaryPayload = 8192;

    // Byte classes while looking for a sentence start.
    private const byte Skip = 0;
    private const byte StartChar = 1;
    private const byte LineEnd = 2;
    private const byte UbxSync = 3;
    private const byte CasicSync = 4;
    private const byte Hash = 5;

    private static readonly byte[] IdleClass = BuildIdleClass();
    private static readonly bool[] EndsLine = BuildEndsLine(false);
    private static readonly bool[] EndsLineEightBit = BuildEndsLine(true);

    private readonly byte[] _line;
    private readonly NmeaSentence _sentence;
    private byte[] _chunk;
    private bool[] _endsLine = EndsLine;
    private int _pos;
    private int _end;
    private bool _completed;

    private State _state;
    private int _lineLength;
    private bool _atLineStart = true;
    private int _binaryNeeded; // header bytes still to read, or payload bytes still to skip
    private int _binaryLength;
    private bool _binaryIsUbx;

    /// <summary>Creates a reader accepting sentences of up to <paramref name="maxSentenceLength"/> characters.</summary>
    /// <param name="maxSentenceLength">Longest line, from <c>$</c> to the checksum (CR LF excluded). At least 16.</param>
    public NmeaReader(int maxSentenceLength)
    {
        MaxSentenceLength = maxSentenceLength < 16 ? 16 : maxSentenceLength;
        _line = new byte[MaxSentenceLength];
        _sentence = new NmeaSentence((MaxSentenceLength / 2) + 2);
        _chunk = _line;
        Statistics = new NmeaStatistics();
    }

    /// <summary>Creates a reader with the default maximum length of 256 (NMEA says 82; real receivers exceed it).</summary>
    public NmeaReader() : this(256)
    {
    }

    private enum State
    {
        Idle,
        Line,
        Discard,
        Comment,
        BinarySync,
        BinaryHeader,
        BinarySkip,
    }

    /// <summary>Longest accepted line, in characters from <c>$</c> through <c>*HH</c>.</summary>
    public int MaxSentenceLength { get; }

    /// <summary>What to do with checksums. Default: checked when present.</summary>
    public NmeaChecksumPolicy ChecksumPolicy { get; set; }

    /// <summary>
    /// When true, a line whose first character is <c>#</c> is skipped as a comment (gpsd's capture
    /// format) and counted in <see cref="NmeaStatistics.CommentLines"/>. Default false.
    /// </summary>
    public bool SkipCommentLines { get; set; }

    /// <summary>
    /// When true, bytes 0x80–0xFF inside a sentence are part of it instead of ending it: BeiDou RDSS protocol 2.1
    /// Chinese-mode messages (<c>$BDTXR</c>, <c>$CCTXA</c> with encoding 0) carry raw GB2312 bytes, which never
    /// include CR, LF, <c>$</c> or <c>!</c>. Default false: a receiver's line broken by line noise ends there.
    /// </summary>
    public bool AcceptEightBitBytes
    {
        get => _endsLine == EndsLineEightBit;
        set => _endsLine = value ? EndsLineEightBit : EndsLine;
    }

    /// <summary>Counters of framed and rejected sentences and skipped bytes.</summary>
    public NmeaStatistics Statistics { get; }

    /// <summary>The sentence found by the last successful <see cref="Read"/>; valid until the next call.</summary>
    public NmeaSentence Sentence => _sentence;

    /// <summary>The reason of the most recently rejected line (see <see cref="NmeaStatistics.LastRejectReason"/>).</summary>
    public NmeaRejectReason LastRejectReason => Statistics.LastRejectReason;

    /// <summary>
    /// Supplies the next chunk of the stream. The previous chunk must have been read to the end. An
    /// invalid range (null, negative, past the array) feeds nothing.
    /// </summary>
    public void Feed(byte[] data, int offset, int count)
    {
        if (data == null || offset < 0 || count < 0 || offset > data.Length - count)
        {
            count = 0;
            offset = 0;
            data = _line;
        }

        _chunk = data;
        _pos = offset;
        _end = offset + count;
    }

    /// <summary>Marks the end of the stream: the next <see cref="Read"/> also returns a last line that had no CR/LF.</summary>
    public void Complete()
    {
        _completed = true;
    }

    /// <summary>Forgets any partial line and binary frame state and starts over (counters are kept).</summary>
    public void Reset()
    {
        _state = State.Idle;
        _lineLength = 0;
        _atLineStart = true;
        _completed = false;
        _pos = _end;
    }

    /// <summary>
    /// Advances to the next sentence that passes framing. Rejected lines are counted in
    /// <see cref="Statistics"/> and skipped. Returns false when the fed bytes are used up.
    /// </summary>
    public bool Read()
    {
        byte[] chunk = _chunk;
        while (true)
        {
            switch (_state)
            {
                case State.Idle:
                {
                    int pos = _pos;
                    int end = _end;
                    byte cls = Skip;
                    int skipped = 0;
                    while (pos < end)
                    {
                        cls = IdleClass[chunk[pos]];
                        if (cls == Skip)
                        {
                            _atLineStart = false;
                            skipped++;
                            pos++;
                        }
                        else if (cls == LineEnd)
                        {
                            _atLineStart = true;
                            pos++;
                        }
                        else
                        {
                            break;
                        }
                    }

                    Statistics.SkippedBytes += skipped;
                    _pos = pos;
                    if (pos >= end)
                    {
                        return false;
                    }

                    if (cls == StartChar)
                    {
                        _atLineStart = false;
                        if (TryFastLine(chunk, pos, end))
                        {
                            return true;
                        }

                        continue;
                    }

                    bool lineStart = _atLineStart;
                    _atLineStart = false;
                    _pos = pos + 1;
                    if (cls == Hash && lineStart && SkipCommentLines)
                    {
                        Statistics.CommentLines++;
                        _state = State.Comment;
                    }
                    else if (cls == UbxSync || cls == CasicSync)
                    {
                        _binaryIsUbx = cls == UbxSync;
                        _state = State.BinarySync;
                    }
                    else
                    {
                        Statistics.SkippedBytes++;
                    }

                    continue;
                }

                case State.Line:
                    if (ContinueLine(chunk))
                    {
                        return true;
                    }

                    if (_state == State.Line)
                    {
                        // Chunk used up mid-line: at the end of the stream the line ends here.
                        if (!_completed)
                        {
                            return false;
                        }

                        _state = State.Idle;
                        if (Finish(_line, 0, _lineLength, true))
                        {
                            return true;
                        }

                        return false;
                    }

                    continue;

                case State.Discard:
                case State.Comment:
                {
                    // Skip to the line end (or, when discarding an over-long line, to the next start).
                    bool comment = _state == State.Comment;
                    while (_pos < _end)
                    {
                        byte b = chunk[_pos];
                        if (b == '\r' || b == '\n' || (!comment && (b == '$' || b == '!')))
                        {
                            _state = State.Idle;
                            break;
                        }

                        if (!comment)
                        {
                            Statistics.SkippedBytes++;
                        }

                        _pos++;
                    }

                    if (_pos >= _end)
                    {
                        return false;
                    }

                    continue;
                }

                default:
                    if (!StepBinary(chunk))
                    {
                        return false;
                    }

                    continue;
            }
        }
    }

    // A line starting at pos: read it in place when it ends inside this chunk, else start buffering.
    private bool TryFastLine(byte[] chunk, int start, int end)
    {
        int limit = start + MaxSentenceLength + 1;
        if (limit > end)
        {
            limit = end;
        }

        int i = -1;
        if (_endsLine == EndsLine)
        {
            // .NET fast path (NmeaReader.Net.cs; absent on nanoFramework); its scan ends lines at 8-bit bytes, so a
            // reader that accepts them scans byte by byte.
            FindLineEndFast(chunk, start, limit, ref i);
        }

        if (i < 0)
        {
            i = start + 1;
            while (i < limit && !_endsLine[chunk[i]])
            {
                i++;
            }
        }

        if (i - start > MaxSentenceLength)
        {
            return RejectTooLong(i);
        }

        if (i == end)
        {
            // Partial line: keep it for the next chunk.
            int n = end - start;
            for (int k = 0; k < n; k++)
            {
                _line[k] = chunk[start + k];
            }

            _lineLength = n;
            _state = State.Line;
            _pos = end;
            return false;
        }

        _pos = i; // the terminator (or next start) is looked at again in the idle state
        return Finish(chunk, start, i - start, chunk[i] == '\r' || chunk[i] == '\n');
    }

    private bool ContinueLine(byte[] chunk)
    {
        int room = MaxSentenceLength - _lineLength;
        int i = _pos;
        int limit = i + room + 1;
        if (limit > _end)
        {
            limit = _end;
        }

        while (i < limit && !_endsLine[chunk[i]])
        {
            i++;
        }

        int n = i - _pos;
        if (_lineLength + n > MaxSentenceLength)
        {
            return RejectTooLong(i);
        }

        for (int k = 0; k < n; k++)
        {
            _line[_lineLength + k] = chunk[_pos + k];
        }

        _lineLength += n;
        _pos = i;
        if (i == _end)
        {
            return false;
        }

        _state = State.Idle;
        return Finish(_line, 0, _lineLength, chunk[i] == '\r' || chunk[i] == '\n');
    }

    private bool RejectTooLong(int pos)
    {
        Statistics.Reject(NmeaRejectReason.TooLong);
        _state = State.Discard;
        _pos = pos;
        return false;
    }

    private bool Finish(byte[] buffer, int start, int length, bool cleanEnd)
    {
        NmeaRejectReason reason = _sentence.Frame(buffer, start, length, ChecksumPolicy, cleanEnd);
        if (reason != NmeaRejectReason.None)
        {
            Statistics.Reject(reason);
            return false;
        }

        Statistics.Framed++;
        return true;
    }

    // UBX: B5 62 class id lenLo lenHi payload ckA ckB. CASIC: BA CE lenLo lenHi class id payload ck(4).
    // Returns false when the chunk is used up.
    private bool StepBinary(byte[] chunk)
    {
        while (_pos < _end)
        {
            byte b = chunk[_pos];
            switch (_state)
            {
                case State.BinarySync:
                    if (b != (_binaryIsUbx ? 0x62 : 0xCE))
                    {
                        Statistics.SkippedBytes++; // the lone first sync byte; b is looked at again
                        _state = State.Idle;
                        return true;
                    }

                    _pos++;
                    _state = State.BinaryHeader;
                    _binaryNeeded = 4;
                    _binaryLength = 0;
                    break;

                case State.BinaryHeader:
                    _pos++;
                    _binaryNeeded--;
                    int lengthIndex = 3 - _binaryNeeded; // 0..3
                    bool isLo = _binaryIsUbx ? lengthIndex == 2 : lengthIndex == 0;
                    bool isHi = _binaryIsUbx ? lengthIndex == 3 : lengthIndex == 1;
                    if (isLo)
                    {
                        _binaryLength = b;
                    }
                    else if (isHi)
                    {
                        _binaryLength |= b << 8;
                    }

                    if (_binaryNeeded == 0)
                    {
                        if (_binaryLength > MaxBinaryPayload)
                        {
                            Statistics.SkippedBytes += 6; // not a plausible frame: treat as garbage
                            _state = State.Idle;
                            return true;
                        }

                        Statistics.BinaryFrames++;
                        _binaryNeeded = _binaryLength + (_binaryIsUbx ? 2 : 4);
                        _state = State.BinarySkip;
                    }

                    break;

                default: // BinarySkip
                    int available = _end - _pos;
                    int take = available < _binaryNeeded ? available : _binaryNeeded;
                    _pos += take;
                    _binaryNeeded -= take;
                    if (_binaryNeeded == 0)
                    {
                        _state = State.Idle;
                        _atLineStart = true;
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    // Implemented by the .NET fast path: sets end to the line end it found, or leaves it -1.
    partial void FindLineEndFast(byte[] chunk, int start, int limit, ref int end);

    private static byte[] BuildIdleClass()
    {
        byte[] t = new byte[256];
        t['$'] = StartChar;
        t['!'] = StartChar;
        t['\r'] = LineEnd;
        t['\n'] = LineEnd;
        t[0xB5] = UbxSync;
        t[0xBA] = CasicSync;
        t['#'] = Hash;
        return t;
    }

    // Bytes that end a line: CR, LF, any control or non-ASCII byte (DEL only, with 8-bit bytes accepted), and the
    // start of the next sentence.
    private static bool[] BuildEndsLine(bool eightBit)
    {
        bool[] t = new bool[256];
        for (int b = 0; b < 256; b++)
        {
            t[b] = b < 0x20 || (eightBit ? b == 0x7F : b > 0x7E) || b == '$' || b == '!';
        }

        return t;
    }
}
