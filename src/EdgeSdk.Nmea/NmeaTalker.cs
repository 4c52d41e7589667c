namespace EdgeSdk.Nmea;

/// <summary>
/// The talker of a sentence: the two letters after <c>$</c> that say which system produced it,
/// or <see cref="Proprietary"/> for <c>$P...</c> vendor sentences.
/// </summary>
public enum NmeaTalker
{
    /// <summary>A talker this library does not know (e.g. <c>GY</c>, <c>II</c>).</summary>
    Unknown = 0,
    /// <summary><c>GP</c>: GPS (and, by custom, SBAS).</summary>
    GP,
    /// <summary><c>GL</c>: GLONASS.</summary>
    GL,
    /// <summary><c>GA</c>: Galileo.</summary>
    GA,
    /// <summary><c>BD</c>: BeiDou, the talker the Chinese BDS module standard mandates.</summary>
    BD,
    /// <summary><c>GB</c>: BeiDou, the talker NMEA 4.10+ assigns.</summary>
    GB,
    /// <summary><c>GQ</c>: QZSS.</summary>
    GQ,
    /// <summary><c>GI</c>: NavIC / IRNSS.</summary>
    GI,
    /// <summary><c>GN</c>: combined solution of several systems.</summary>
    GN,
    /// <summary><c>P</c>: proprietary sentence (the address is <c>P</c> plus a vendor code and type).</summary>
    Proprietary,
    /// <summary>
    /// <c>PQ</c> before a standard type (<c>$PQGSV</c>, <c>$PQGSA</c>): Quectel LTE modules (EC2x, EG25-G) report
    /// BeiDou this way. Other <c>$PQ...</c> addresses (<c>$PQTMVERNO</c>) stay <see cref="Proprietary"/>.
    /// </summary>
    PQ,
    /// <summary><c>QZ</c>: QZSS, as Quectel LC79D and older receivers send it (NMEA 4.11 says <c>GQ</c>).</summary>
    QZ,
}
