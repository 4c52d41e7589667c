namespace EdgeSdk.Nmea;

/// <summary>
/// Field helpers shared by the RDSS sentences: numeric identifiers whose written width is kept (user
/// IDs such as <c>0179773</c> carry leading zeros), Y/N flags and the payload-encoding wire numbers.
/// </summary>
internal static class RdssFields
{
    // Wire number → encoding, per protocol generation (index = wire number).
    private static readonly RdssPayloadEncoding[] V21Encodings = { RdssPayloadEncoding.Chinese, RdssPayloadEncoding.Code, RdssPayloadEncoding.Mixed };

    private static readonly RdssPayloadEncoding[] Bds3Encodings =
    {
        RdssPayloadEncoding.Unknown, RdssPayloadEncoding.Chinese, RdssPayloadEncoding.Code, RdssPayloadEncoding.Mixed,
        RdssPayloadEncoding.CompressedChinese, RdssPayloadEncoding.CompressedCode,
    };

    /// <summary>An unsigned decimal field: the value (-1 when empty or invalid) and its digit count (0 when empty).</summary>
    internal static int ReadDigits(NmeaSentence s, int index, out int digits)
    {
        digits = s.GetFieldLength(index);
        int value = s.TryGetInt32(index, out int read) ? read : -1;
        if (value < 0 && digits > 0)
        {
            s.MarkFieldInvalid(index); // a negative ID is not an ID
            digits = 0;
            return -1;
        }

        return value;
    }

    /// <summary>Writes a numeric field with at least <paramref name="digits"/> digits (empty when <paramref name="value"/> is negative).</summary>
    internal static void WriteDigits(NmeaWriter w, int value, int digits)
    {
        if (value < 0)
        {
            w.Empty();
            return;
        }

        w.FieldPadded(value, digits < 1 ? 1 : digits);
    }

    /// <summary>A Y/N flag: 1 for Y, 0 for N, -1 when empty; anything else marks the field invalid.</summary>
    internal static int ReadFlag(NmeaSentence s, int index)
    {
        s.TryGetChar(index, out char c); // '\0' when empty or unreadable
        if (c == 'Y')
        {
            return 1;
        }

        if (c == 'N')
        {
            return 0;
        }

        if (c != '\0')
        {
            s.MarkFieldInvalid(index);
        }

        return -1;
    }

    /// <summary>Writes a flag read by <see cref="ReadFlag"/>.</summary>
    internal static void WriteFlag(NmeaWriter w, int flag)
    {
        w.Field(flag == 1 ? 'Y' : (flag == 0 ? 'N' : '\0'));
    }

    /// <summary>The encoding named by a wire number, or <see cref="RdssPayloadEncoding.Unknown"/>.</summary>
    internal static RdssPayloadEncoding EncodingFromWire(int wire, RdssProtocol protocol)
    {
        RdssPayloadEncoding[] table = protocol == RdssProtocol.V21 ? V21Encodings : Bds3Encodings;
        return wire >= 0 && wire < table.Length ? table[wire] : RdssPayloadEncoding.Unknown;
    }

    /// <summary>The wire number of an encoding, or -1 when the protocol has none for it.</summary>
    internal static int EncodingToWire(RdssPayloadEncoding encoding, RdssProtocol protocol)
    {
        RdssPayloadEncoding[] table = protocol == RdssProtocol.V21 ? V21Encodings : Bds3Encodings;
        for (int i = 0; i < table.Length; i++)
        {
            if (table[i] == encoding && encoding != RdssPayloadEncoding.Unknown)
            {
                return i;
            }
        }

        return -1;
    }
}
