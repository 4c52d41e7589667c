namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$BDICI</c>, IC (card) information, protocol 2.1:
/// <c>$BDICI,user,serial,broadcast,feature,interval,level,encryption,subordinates*hh</c> — user ID, serial
/// number, broadcast ID, user feature, service interval in seconds (the least time between two sends),
/// communication level (which sets the longest message), encryption flag (E encrypted, N not) and the
/// number of subordinate users (command cards).
/// </summary>
public sealed class RdssIciSentence : RdssSentence
{
    /// <summary>Creates an empty card information (written as <c>$BDICI</c>).</summary>
    public RdssIciSentence() : base(false)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Ici;

    /// <summary>The card's user ID (its address); -1 absent.</summary>
    public int UserId { get; set; } = -1;

    /// <summary>Digits the user ID is written with.</summary>
    public int UserIdDigits { get; set; } = 7;

    /// <summary>Serial number; -1 absent.</summary>
    public int SerialNumber { get; set; } = -1;

    /// <summary>Digits the serial number is written with.</summary>
    public int SerialDigits { get; set; } = 1;

    /// <summary>Broadcast (group) ID; -1 absent.</summary>
    public int BroadcastId { get; set; } = -1;

    /// <summary>Digits the broadcast ID is written with.</summary>
    public int BroadcastDigits { get; set; } = 1;

    /// <summary>User feature code; -1 absent.</summary>
    public int UserFeature { get; set; } = -1;

    /// <summary>Service interval (服务频度) in seconds: the least time between two sends; -1 absent.</summary>
    public int ServiceIntervalSeconds { get; set; } = -1;

    /// <summary>Communication level (通信等级), which sets the longest message; -1 absent.</summary>
    public int CommunicationLevel { get; set; } = -1;

    /// <summary>Encryption flag: 'E' encrypted, 'N' not; '\0' absent.</summary>
    public char EncryptionFlag { get; set; } = 'N';

    /// <summary>Number of subordinate users (for a command card); -1 absent.</summary>
    public int SubordinateCount { get; set; } = -1;

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 8;

    /// <inheritdoc/>
    protected override string Letters => "ICI";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        UserId = RdssFields.ReadDigits(s, 1, out int d1);
        UserIdDigits = d1;
        SerialNumber = RdssFields.ReadDigits(s, 2, out int d2);
        SerialDigits = d2;
        BroadcastId = RdssFields.ReadDigits(s, 3, out int d3);
        BroadcastDigits = d3;
        UserFeature = ReadInt(s, 4, -1);
        ServiceIntervalSeconds = ReadInt(s, 5, -1);
        CommunicationLevel = ReadInt(s, 6, -1);
        EncryptionFlag = ReadChar(s, 7);
        SubordinateCount = ReadInt(s, 8, -1);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        RdssFields.WriteDigits(w, UserId, UserIdDigits);
        RdssFields.WriteDigits(w, SerialNumber, SerialDigits);
        RdssFields.WriteDigits(w, BroadcastId, BroadcastDigits);
        w.FieldOrEmpty(UserFeature, 1);
        w.FieldOrEmpty(ServiceIntervalSeconds, 1);
        w.FieldOrEmpty(CommunicationLevel, 1);
        w.Field(EncryptionFlag);
        w.FieldOrEmpty(SubordinateCount, 1);
    }
}
