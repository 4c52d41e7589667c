namespace EdgeSdk.Nmea;

/// <summary>
/// Base of the BeiDou RDSS sentences: the talker letters are kept as read (<c>CC</c> from the host to the
/// terminal, <c>BD</c> from the terminal), so a decoded sentence is written back byte-identical.
/// </summary>
public abstract class RdssSentence : NmeaTypedSentence
{
    private const string Host = "CC";
    private const string Terminal = "BD";
    private bool _fromHost;

    /// <summary>Creates a sentence whose address starts with <c>CC</c> when <paramref name="fromHost"/>, else <c>BD</c>.</summary>
    protected RdssSentence(bool fromHost)
    {
        _fromHost = fromHost;
    }

    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Rdss;

    /// <summary>Which RDSS sentence this is.</summary>
    public abstract RdssSentenceKind Kind { get; }

    /// <summary>True when the address starts with <c>CC</c> (host to terminal), false for <c>BD</c> (terminal to host).</summary>
    public bool FromHost
    {
        get => _fromHost;
        set => _fromHost = value;
    }

    /// <summary>The three letters after the talker (<c>TXA</c>, <c>FKI</c>, ...).</summary>
    protected abstract string Letters { get; }

    /// <summary>Starts the sentence with its talker letters and <see cref="Letters"/>.</summary>
    protected void BeginAddress(NmeaWriter w)
    {
        w.Begin(_fromHost ? Host : Terminal, Letters);
    }

    /// <summary>Remembers the talker letters of a decoded sentence (anything but <c>CC</c> is written back as <c>BD</c>).</summary>
    protected void ReadAddress(NmeaSentence s)
    {
        _fromHost = s.GetFieldByte(0, 0) == 'C' && s.GetFieldByte(0, 1) == 'C';
    }
}
