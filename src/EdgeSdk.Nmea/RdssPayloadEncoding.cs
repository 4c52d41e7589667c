namespace EdgeSdk.Nmea;

/// <summary>
/// How the payload of a short message is coded. The wire numbers differ between protocol 2.1
/// (<c>$CCTXA</c>/<c>$BDTXR</c>: 0 Chinese, 1 code, 2 mixed) and BDS-3 (<c>$CCTCQ</c>/<c>$BDTCI</c>:
/// 1 Chinese, 2 code, 3 mixed, 4 compressed Chinese, 5 compressed code); <see cref="RdssFields"/> maps them.
/// </summary>
public enum RdssPayloadEncoding
{
    /// <summary>Chinese: GB2312/GB18030 bytes (two bytes per character). In 2.1 they travel raw in the sentence, in BDS-3 as hex.</summary>
    Chinese = 0,
    /// <summary>Code: arbitrary bytes, written as upper-case hex (two characters per byte).</summary>
    Code = 1,
    /// <summary>Mixed: GB18030 text (ASCII and Chinese), written as hex after the marker byte <c>A4</c>.</summary>
    Mixed = 2,
    /// <summary>BDS-3 compressed Chinese (hex on the wire; the compression is the terminal's).</summary>
    CompressedChinese = 3,
    /// <summary>BDS-3 compressed code (hex on the wire; the compression is the terminal's).</summary>
    CompressedCode = 4,
    /// <summary>A wire number this library does not know (the sentence is refused as an invalid field).</summary>
    Unknown = 5,
}
