namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$CCICA</c>, IC detection request: <c>$CCICA,type,frame*hh</c> — check type (0 this card, 1 the
/// subordinate users of a command card) and frame number (0 for this card). The terminal answers <c>$BDICI</c>.
/// </summary>
public sealed class RdssIcaSentence : RdssSentence
{
    /// <summary>Creates a request for this card's information (<c>$CCICA,0,0</c>).</summary>
    public RdssIcaSentence() : base(true)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Ica;

    /// <summary>0 check this card, 1 list the subordinate users; -1 absent.</summary>
    public int CheckType { get; set; }

    /// <summary>Frame number of the subordinate list (0 for this card); -1 absent.</summary>
    public int FrameNumber { get; set; }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 2;

    /// <inheritdoc/>
    protected override string Letters => "ICA";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        CheckType = ReadInt(s, 1, -1);
        FrameNumber = ReadInt(s, 2, -1);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        w.FieldOrEmpty(CheckType, 1);
        w.FieldOrEmpty(FrameNumber, 1);
    }
}
