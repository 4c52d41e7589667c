namespace EdgeSdk.Nmea;

/// <summary>Which generation of the BeiDou user-terminal interface a sentence follows.</summary>
public enum RdssProtocol
{
    /// <summary>BeiDou communication protocol 2.1 (BDS-2 RDSS: <c>$CCTXA</c>, <c>$BDTXR</c>, <c>$BDICI</c>, ...).</summary>
    V21 = 0,
    /// <summary>BDS-3 RDSS (interface 4.0 style: <c>$CCTCQ</c>, <c>$BDTCI</c>, <c>$BDPWI</c>, timed <c>$BDFKI</c>).</summary>
    Bds3 = 1,
}
