namespace EdgeSdk.Nmea;

/// <summary>The sentence types this library decodes to typed values.</summary>
public enum NmeaSentenceType
{
    /// <summary>No sentence, or a standard type this library does not decode.</summary>
    None = 0,
    /// <summary>RMC: recommended minimum (time, date, position, speed, course, mode, status).</summary>
    Rmc,
    /// <summary>GGA: fix data (time, position, quality, satellites, HDOP, altitude, geoid).</summary>
    Gga,
    /// <summary>GNS: multi-system fix data with one mode indicator per system.</summary>
    Gns,
    /// <summary>GSA: DOP and satellites used (one per system in NMEA 4.10+, with system ID).</summary>
    Gsa,
    /// <summary>GSV: satellites in view (with signal ID in NMEA 4.10+).</summary>
    Gsv,
    /// <summary>VTG: course and speed over ground.</summary>
    Vtg,
    /// <summary>GLL: geographic position.</summary>
    Gll,
    /// <summary>ZDA: UTC date, time and local zone.</summary>
    Zda,
    /// <summary>GST: pseudorange error statistics.</summary>
    Gst,
    /// <summary>GBS: satellite fault detection (RAIM).</summary>
    Gbs,
    /// <summary>DTM: datum reference.</summary>
    Dtm,
    /// <summary>TXT: text message.</summary>
    Txt,
    /// <summary>A proprietary <c>$P...</c> sentence (decoded by a registered decoder, or passed through raw).</summary>
    Proprietary,
    /// <summary>A BeiDou RDSS short-message sentence (<c>$CCTXA</c>, <c>$BDTXR</c>, <c>$BDFKI</c>, ...), decoded by <see cref="RdssParser"/>.</summary>
    Rdss,
}
