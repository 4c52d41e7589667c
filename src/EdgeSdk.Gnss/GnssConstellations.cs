namespace EdgeSdk.Gnss;

/// <summary>A set of constellations a receiver should track.</summary>
[Flags]
public enum GnssConstellations
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>GPS.</summary>
    Gps = 1,
    /// <summary>BeiDou (BDS).</summary>
    Beidou = 2,
    /// <summary>GLONASS.</summary>
    Glonass = 4,
    /// <summary>Galileo.</summary>
    Galileo = 8,
    /// <summary>QZSS.</summary>
    Qzss = 16,
}
