namespace EdgeSdk.Positioning;

/// <summary>The horizontal coordinate systems a vehicle terminal in China meets.</summary>
public enum CoordinateSystem
{
    /// <summary>WGS-84, which GNSS receivers report; CGCS2000 (BeiDou) agrees with it to centimetres.</summary>
    Wgs84,

    /// <summary>GCJ-02 ("Mars coordinates"), the obfuscated datum required for maps published in China (AMap, Tencent).</summary>
    Gcj02,

    /// <summary>BD-09, Baidu Maps' further offset of GCJ-02.</summary>
    Bd09,
}
