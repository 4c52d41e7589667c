namespace EdgeSdk.Nmea;

/// <summary>
/// A decoded CASIC configuration command (<c>$PCAS01</c>…<c>$PCAS10</c>), for a simulated receiver that
/// must obey them. Register one instance for each address it handles:
/// <c>parser.RegisterProprietary("PCAS04", command)</c>. Build commands with <see cref="CasicCommands"/>.
/// </summary>
public sealed class CasicCommand : NmeaTypedSentence
{
    /// <summary>Most arguments kept (PCAS03 has 18).</summary>
    public const int MaxArguments = 20;

    private readonly int[] _arguments = new int[MaxArguments];

    /// <summary>Creates an empty command.</summary>
    public CasicCommand()
    {
        Talker = NmeaTalker.Proprietary;
    }

    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Proprietary;

    /// <summary>The command number: 1 baud, 2 interval, 3 output rates, 4 constellations, 10 restart; -1 if not PCAS.</summary>
    public int Number { get; private set; } = -1;

    /// <summary>Number of argument fields.</summary>
    public int ArgumentCount { get; private set; }

    /// <summary>Argument <paramref name="index"/> (0-based); -1 when empty or out of range.</summary>
    public int GetArgument(int index) => index >= 0 && index < ArgumentCount ? _arguments[index] : -1;

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 1;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        Number = -1;
        int tens = s.GetFieldByte(0, 4) - '0';
        int ones = s.GetFieldByte(0, 5) - '0';
        if (s.GetFieldLength(0) != 6 || s.GetFieldByte(0, 0) != 'P' || s.GetFieldByte(0, 1) != 'C' || s.GetFieldByte(0, 2) != 'A'
            || s.GetFieldByte(0, 3) != 'S' || tens < 0 || tens > 9 || ones < 0 || ones > 9)
        {
            s.MarkFieldInvalid(0);
            return;
        }

        Number = (tens * 10) + ones;
        int n = s.FieldCount < MaxArguments ? s.FieldCount : MaxArguments;
        for (int i = 0; i < n; i++)
        {
            _arguments[i] = ReadInt(s, i + 1, -1);
        }

        ArgumentCount = n;
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(Number >= 10 ? "PCAS" + Number : "PCAS0" + Number);
        for (int i = 0; i < ArgumentCount; i++)
        {
            w.FieldOrEmpty(_arguments[i], 1);
        }
    }
}
