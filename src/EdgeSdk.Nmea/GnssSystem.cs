namespace EdgeSdk.Nmea;

/// <summary>
/// A satellite navigation system (constellation). The numeric values are the NMEA 4.11
/// system IDs where one exists (GPS 1 … NavIC 6); SBAS has no NMEA system ID and uses 8.
/// </summary>
public enum GnssSystem
{
    /// <summary>Not known (no talker, PRN or system ID says which).</summary>
    Unknown = 0,
    /// <summary>GPS (NMEA 4.11 system ID 1).</summary>
    Gps = 1,
    /// <summary>GLONASS (system ID 2).</summary>
    Glonass = 2,
    /// <summary>Galileo (system ID 3).</summary>
    Galileo = 3,
    /// <summary>BeiDou / BDS (system ID 4).</summary>
    Beidou = 4,
    /// <summary>QZSS (system ID 5).</summary>
    Qzss = 5,
    /// <summary>NavIC / IRNSS (system ID 6).</summary>
    Navic = 6,
    /// <summary>SBAS (WAAS, EGNOS, MSAS, GAGAN, BDSBAS); NMEA reports it under GPS.</summary>
    Sbas = 8,
}
