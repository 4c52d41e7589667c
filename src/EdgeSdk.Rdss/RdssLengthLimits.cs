using EdgeSdk.Nmea;

namespace EdgeSdk.Rdss;

/// <summary>
/// The longest message per protocol and communication level, as data: the card reports its level, the
/// service contract sets the bits. Defaults: BDS-3 regional service 14,000 bits for every level, BDS-3
/// global 560 bits (China Satellite Navigation Office figures); protocol 2.1 levels are not published
/// uniformly, so a level missing from the table gets <see cref="FallbackBits"/> (560, the smallest published
/// limit) until the contract's figure is added with <see cref="Set"/>.
/// </summary>
public sealed class RdssLengthLimits
{
    private readonly Dictionary<(RdssProtocol, int), int> _bits = [];

    /// <summary>Bits for a level the table does not have. Default 560.</summary>
    public int FallbackBits { get; set; } = GlobalBits;

    /// <summary>BDS-3 regional short message, longest: 14,000 bits (about 1,000 Chinese characters).</summary>
    public const int RegionalBits = 14000;

    /// <summary>BDS-3 global short message, longest: 560 bits (about 40 Chinese characters).</summary>
    public const int GlobalBits = 560;

    /// <summary>A table with the BDS-3 regional limit for levels 1–5 and nothing for 2.1.</summary>
    public static RdssLengthLimits CreateDefault()
    {
        var limits = new RdssLengthLimits();
        for (int level = 1; level <= 5; level++)
        {
            limits.Set(RdssProtocol.Bds3, level, RegionalBits);
        }

        return limits;
    }

    /// <summary>Sets the limit of one level.</summary>
    public RdssLengthLimits Set(RdssProtocol protocol, int level, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bits);
        _bits[(protocol, level)] = bits;
        return this;
    }

    /// <summary>The limit of a level, or <see cref="FallbackBits"/>.</summary>
    public int MaxBits(RdssProtocol protocol, int level) => _bits.TryGetValue((protocol, level), out int bits) ? bits : FallbackBits;
}
