using System.Globalization;
using System.Text;

namespace EdgeSdk.Can;

/// <summary>
/// The can-utils log format that <c>candump -l</c> writes and <c>canplayer</c> reads:
/// <c>(1700000000.123456) can0 123#DEADBEEF</c>; 8 hex digits make an extended id, <c>123#R</c> a remote frame,
/// <c>123##1DEADBEEF</c> a CAN FD frame (the digit after <c>##</c> is the FD flags nibble).
/// </summary>
public static class CandumpFormat
{
    private const uint ErrorFlag = 0x20000000;

    /// <summary>Parses one line. Never throws; says why a line is not a frame.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="frame">The frame when the status is <see cref="CandumpLineStatus.Frame"/>.</param>
    /// <returns>What the line holds.</returns>
    public static CandumpLineStatus TryParseLine(ReadOnlySpan<char> line, out CanFrame frame)
    {
        frame = default;
        line = line.Trim();
        if (line.IsEmpty || line[0] == '#')
        {
            return CandumpLineStatus.Blank;
        }

        // (seconds.micro)
        if (line[0] != '(')
        {
            return CandumpLineStatus.Malformed;
        }

        int close = line.IndexOf(')');
        if (close < 0 || !TryParseTimestamp(line[1..close], out long micros))
        {
            return CandumpLineStatus.Malformed;
        }

        ReadOnlySpan<char> rest = line[(close + 1)..].TrimStart();
        int space = rest.IndexOfAny(' ', '\t');
        if (space <= 0)
        {
            return CandumpLineStatus.Malformed;
        }

        string channel = rest[..space].ToString();
        ReadOnlySpan<char> body = rest[space..].Trim();
        int hash = body.IndexOf('#');
        if (hash is not (3 or 8))
        {
            return CandumpLineStatus.Malformed;
        }

        if (!uint.TryParse(body[..hash], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint id))
        {
            return CandumpLineStatus.Malformed;
        }

        bool extended = hash == 8;
        if (extended && (id & ErrorFlag) != 0)
        {
            return CandumpLineStatus.ErrorFrame;
        }

        if (extended ? id > 0x1FFFFFFF : id > 0x7FF)
        {
            return CandumpLineStatus.Malformed;
        }

        ReadOnlySpan<char> payload = body[(hash + 1)..];
        bool fd = false;
        if (!payload.IsEmpty && payload[0] == '#')
        {
            // CAN FD: one hex digit of flags (BRS, ESI), then up to 64 data bytes.
            if (payload.Length < 2 || !char.IsAsciiHexDigit(payload[1]))
            {
                return CandumpLineStatus.Malformed;
            }

            fd = true;
            payload = payload[2..];
        }
        else if (!payload.IsEmpty && (payload[0] == 'R' || payload[0] == 'r'))
        {
            frame = new CanFrame(micros, id, extended, false, [], channel) { IsRemote = true };
            return payload.Length == 1 || (payload.Length == 2 && char.IsAsciiDigit(payload[1])) ? CandumpLineStatus.Frame : CandumpLineStatus.Malformed;
        }

        // Classic CAN with a DLC above 8 ("_9".."_F" after the data) keeps its 8 bytes; the DLC code is dropped.
        int underscore = payload.IndexOf('_');
        if (!fd && underscore >= 0)
        {
            if (underscore != payload.Length - 2 || !char.IsAsciiHexDigit(payload[^1]))
            {
                return CandumpLineStatus.Malformed;
            }

            payload = payload[..underscore];
        }

        if ((payload.Length & 1) != 0 || payload.Length / 2 > (fd ? 64 : 8))
        {
            return CandumpLineStatus.Malformed;
        }

        byte[] data = new byte[payload.Length / 2];
        if (Convert.FromHexString(payload, data, out _, out int written) != System.Buffers.OperationStatus.Done || written != data.Length)
        {
            return CandumpLineStatus.Malformed;
        }

        frame = new CanFrame(micros, id, extended, fd, data, channel);
        return CandumpLineStatus.Frame;
    }

    /// <summary>Formats a frame as one candump log line (without line break).</summary>
    /// <param name="frame">The frame; an empty <see cref="CanFrame.Channel"/> is written as <c>can0</c>.</param>
    /// <returns>The line.</returns>
    public static string FormatLine(in CanFrame frame)
    {
        var sb = new StringBuilder(40 + (frame.Data?.Length ?? 0) * 2);
        long seconds = Math.DivRem(frame.TimestampMicroseconds, 1_000_000, out long micros);
        sb.Append('(').Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('.')
          .Append(micros.ToString("D6", CultureInfo.InvariantCulture)).Append(") ")
          .Append(string.IsNullOrEmpty(frame.Channel) ? "can0" : frame.Channel).Append(' ')
          .Append(frame.Id.ToString(frame.IsExtended ? "X8" : "X3", CultureInfo.InvariantCulture)).Append('#');
        if (frame.IsRemote)
        {
            return sb.Append('R').ToString();
        }

        if (frame.IsFd)
        {
            sb.Append("#0");
        }

        return sb.Append(Convert.ToHexString(frame.Data ?? [])).ToString();
    }

    private static bool TryParseTimestamp(ReadOnlySpan<char> text, out long micros)
    {
        micros = 0;
        int dot = text.IndexOf('.');
        ReadOnlySpan<char> whole = dot < 0 ? text : text[..dot];
        ReadOnlySpan<char> fraction = dot < 0 ? [] : text[(dot + 1)..];
        if (!long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || fraction.Length > 9 || seconds > 9_000_000_000_000)
        {
            return false;
        }

        long frac = 0;
        for (int i = 0; i < 6; i++)
        {
            int digit = 0;
            if (i < fraction.Length)
            {
                if (!char.IsAsciiDigit(fraction[i]))
                {
                    return false;
                }

                digit = fraction[i] - '0';
            }

            frac = (frac * 10) + digit;
        }

        for (int i = 6; i < fraction.Length; i++)
        {
            if (!char.IsAsciiDigit(fraction[i]))
            {
                return false;
            }
        }

        micros = (seconds * 1_000_000) + frac;
        return true;
    }
}
