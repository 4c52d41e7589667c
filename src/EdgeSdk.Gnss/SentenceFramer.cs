namespace EdgeSdk.Gnss;

/// <summary>
/// Cuts a byte stream into NMEA sentences: from <c>$</c> or <c>!</c> to the line end, kept only
/// when the <c>*HH</c> checksum matches. Everything else (binary noise, comments, a wrong baud
/// rate's garbage, overlong lines) is counted and skipped; nothing here throws on bad input.
/// </summary>
internal sealed class SentenceFramer
{
    /// <summary>NMEA 0183 allows 82 characters; receivers exceed it (long GSA/PSTI), so allow more.</summary>
    public const int MaxSentenceLength = 160;

    private readonly byte[] _line = new byte[MaxSentenceLength];
    private int _length;
    private bool _inSentence;
    private bool _overflow;

    /// <summary>Sentences whose checksum matched.</summary>
    public long ValidSentences { get; private set; }

    /// <summary>Sentences that started with <c>$</c>/<c>!</c> but had no or a wrong checksum, or were too long.</summary>
    public long RejectedSentences { get; private set; }

    /// <summary>Bytes outside any sentence (noise, comments, binary protocols).</summary>
    public long IgnoredBytes { get; private set; }

    /// <summary>
    /// Feeds bytes; calls <paramref name="onSentence"/> with each valid sentence (from <c>$</c> to
    /// the checksum digits, without CR LF). The span is only valid during the call.
    /// </summary>
    public void Push<TState>(ReadOnlySpan<byte> data, TState state, SentenceHandler<TState> onSentence)
    {
        foreach (byte b in data)
        {
            if (b == (byte)'$' || b == (byte)'!')
            {
                if (_inSentence)
                {
                    RejectedSentences++; // a new start before the old one ended: the old one was cut off
                }

                _inSentence = true;
                _overflow = false;
                _length = 0;
                _line[_length++] = b;
            }
            else if (!_inSentence)
            {
                if (b != (byte)'\n' && b != (byte)'\r')
                {
                    IgnoredBytes++;
                }
            }
            else if (b == (byte)'\n' || b == (byte)'\r')
            {
                _inSentence = false;
                if (!_overflow && IsValid(_line.AsSpan(0, _length)))
                {
                    ValidSentences++;
                    onSentence(_line.AsSpan(0, _length), state);
                }
                else
                {
                    RejectedSentences++;
                }
            }
            else if (_length < _line.Length && b >= 0x20 && b < 0x7F)
            {
                _line[_length++] = b;
            }
            else
            {
                _overflow = true; // too long, or a control/binary byte inside: not a sentence
            }
        }
    }

    /// <summary>True when <paramref name="sentence"/> (<c>$...*HH</c>) carries a matching checksum.</summary>
    public static bool IsValid(ReadOnlySpan<byte> sentence)
    {
        int star = sentence.Length - 3;
        if (star < 6 || sentence[star] != (byte)'*')
        {
            return false;
        }

        int sum = 0;
        for (int i = 1; i < star; i++)
        {
            sum ^= sentence[i];
        }

        int high = HexValue(sentence[star + 1]);
        int low = HexValue(sentence[star + 2]);
        return high >= 0 && low >= 0 && ((high << 4) | low) == sum;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };
}

/// <summary>Receives one framed sentence; the span is valid only during the call.</summary>
internal delegate void SentenceHandler<TState>(ReadOnlySpan<byte> sentence, TState state);
