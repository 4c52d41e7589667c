namespace EdgeSdk.Nmea;

/// <summary>
/// Who a satellite is: its constellation and its number within it (the satellite ID: GPS PRN, GLONASS
/// slot, Galileo/BeiDou/QZSS/NavIC SV number, SBAS PRN 120–158), resolved from whatever number a
/// receiver printed. Also gives gpsd's numbering (PRN, gnssid, svid of gpsd_json(5)) so output can match gpsd.
/// </summary>
public struct SatelliteId
{
    /// <summary>Creates an identity from a system and the satellite's number within it.</summary>
    public SatelliteId(GnssSystem system, int number)
    {
        System = system;
        Number = number;
    }

    /// <summary>The constellation, or <see cref="GnssSystem.Unknown"/> when the number fits no known range.</summary>
    public GnssSystem System { get; }

    /// <summary>The satellite's number within its system (GPS 1–32, SBAS 120–158, GLONASS 1–32, Galileo 1–36, BDS 1–63, QZSS 1–10, NavIC 1–14).</summary>
    public int Number { get; }

    /// <summary>True when the system is known.</summary>
    public bool IsKnown => System != GnssSystem.Unknown;

    /// <summary>
    /// gpsd's <c>gnssid</c>: 0 GPS, 1 SBAS, 2 Galileo, 3 BeiDou, 5 QZSS, 6 GLONASS, 7 NavIC; -1 when unknown.
    /// </summary>
    public int GpsdGnssId
    {
        get
        {
            switch (System)
            {
                case GnssSystem.Gps: return 0;
                case GnssSystem.Sbas: return 1;
                case GnssSystem.Galileo: return 2;
                case GnssSystem.Beidou: return 3;
                case GnssSystem.Qzss: return 5;
                case GnssSystem.Glonass: return 6;
                case GnssSystem.Navic: return 7;
                default: return -1;
            }
        }
    }

    /// <summary>gpsd's <c>svid</c> (the same number as <see cref="Number"/>).</summary>
    public int GpsdSvid => Number;

    /// <summary>
    /// gpsd's <c>PRN</c>: GPS 1–32, SBAS 33–64 (svid − 87; 152–158 kept), GLONASS 65–96, QZSS 193–202,
    /// Galileo 301–336, BeiDou 401–463 (as in gpsd's own output for BeiDou captures); NavIC 0 (gpsd
    /// gives it no PRN range); 0 when unknown.
    /// </summary>
    public int GpsdPrn
    {
        get
        {
            switch (System)
            {
                case GnssSystem.Gps: return Number;
                case GnssSystem.Sbas: return Number <= 151 ? Number - 87 : Number;
                case GnssSystem.Galileo: return 300 + Number;
                case GnssSystem.Beidou: return 400 + Number;
                case GnssSystem.Qzss: return 192 + Number;
                case GnssSystem.Glonass: return 64 + Number;
                default: return 0;
            }
        }
    }
}
