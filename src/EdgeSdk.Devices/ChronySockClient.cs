using System.Buffers.Binary;
using System.Net.Sockets;

namespace EdgeSdk.Devices;

/// <summary>
/// Feeds <see cref="TimeSample"/>s to chrony through its SOCK reference clock: one Unix datagram per sample,
/// in the layout of <c>struct sock_sample</c> from chrony's <c>refclock_sock.c</c>, sent to the socket chronyd
/// opened for <c>refclock SOCK /run/chrony.pps.sock refid PPS</c>. chronyd must be started first (it creates
/// the socket); until then each send fails, is counted, and the next one tries again.
/// </summary>
/// <remarks>
/// <code>
/// struct sock_sample {
///   struct timeval tv;  // system time of the sample
///   double offset;      // true time minus system time, seconds
///   int pulse;          // 0: the offset is complete (our NMEA names the second); 1: only the fraction counts
///   int leap;           // 0 normal, 1 insert, 2 delete a leap second
///   int _pad;
///   int magic;          // 0x534f434b, "SOCK"
/// };
/// </code>
/// 40 bytes where <c>time_t</c> and <c>suseconds_t</c> are 64-bit (arm64, x64, and 32-bit ARM with 64-bit
/// time_t), 32 bytes on 32-bit ARM with 32-bit time_t (Debian 12 armhf). chronyd drops a datagram of any other
/// length, so the layout is chosen by <see cref="Environment.Is64BitProcess"/> unless given.
/// </remarks>
/// <example><code>
/// using var chrony = new ChronySockClient("/run/chrony.pps.sock");
/// await foreach (TimeSample s in pps.Samples.ReadAllAsync(ct)) chrony.TrySend(s, out _);
/// </code></example>
public sealed class ChronySockClient : IDisposable
{
    /// <summary>The <c>magic</c> field chronyd checks: "SOCK".</summary>
    public const int Magic = 0x534f434b;

    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endPoint;
    private readonly byte[] _buffer;

    /// <summary>A client for chronyd's SOCK refclock at <paramref name="socketPath"/>; <paramref name="timevalBytes"/> is 16 (64-bit time_t) or 8.</summary>
    /// <exception cref="ArgumentException">The path is empty or too long for a Unix socket, or <paramref name="timevalBytes"/> is not 8 or 16.</exception>
    public ChronySockClient(string socketPath, int? timevalBytes = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        TimevalBytes = timevalBytes ?? (Environment.Is64BitProcess ? 16 : 8);
        if (TimevalBytes is not (8 or 16))
        {
            throw new ArgumentException($"timevalBytes {TimevalBytes}: struct timeval is 8 or 16 bytes", nameof(timevalBytes));
        }

        SocketPath = socketPath;
        _endPoint = new UnixDomainSocketEndPoint(socketPath);
        _buffer = new byte[SampleBytes(TimevalBytes)];
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>The socket chronyd listens on.</summary>
    public string SocketPath { get; }

    /// <summary>Bytes of <c>struct timeval</c> in the layout sent: 16 or 8.</summary>
    public int TimevalBytes { get; }

    /// <summary>Samples chronyd's socket accepted.</summary>
    public long Sent { get; private set; }

    /// <summary>Samples that could not be sent (no chronyd, no permission); see <see cref="LastError"/>.</summary>
    public long Failed { get; private set; }

    /// <summary>Why the last failed send failed, naming the socket and the fix; null if none failed.</summary>
    public string? LastError { get; private set; }

    /// <summary>Size of <c>struct sock_sample</c> for a timeval of <paramref name="timevalBytes"/> bytes.</summary>
    public static int SampleBytes(int timevalBytes) => timevalBytes + 8 + 16;

    /// <summary>
    /// Writes <paramref name="sample"/> as a <c>struct sock_sample</c> (native, little-endian) into
    /// <paramref name="destination"/> and returns its length. The time is split so no precision is lost:
    /// <c>tv</c> is the system time truncated to the microsecond, <c>offset</c> the true time minus that.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small or <paramref name="timevalBytes"/> is not 8 or 16.</exception>
    public static int Encode(TimeSample sample, Span<byte> destination, int timevalBytes = 16, int leap = 0)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (timevalBytes is not (8 or 16) || destination.Length < SampleBytes(timevalBytes))
        {
            throw new ArgumentException($"a sock_sample with a {timevalBytes}-byte timeval needs {SampleBytes(timevalBytes)} bytes", nameof(destination));
        }

        long unixTicks = sample.SystemTimeUtc.Ticks - DateTime.UnixEpoch.Ticks;
        long microseconds = Math.DivRem(unixTicks, 10, out long _);
        long seconds = Math.DivRem(microseconds, 1_000_000, out long microsecondPart);
        if (microsecondPart < 0)
        {
            seconds--;
            microsecondPart += 1_000_000;
        }

        long tvTicks = (seconds * TimeSpan.TicksPerSecond) + (microsecondPart * 10) + DateTime.UnixEpoch.Ticks;
        double offsetSeconds = (sample.TrueTimeUtc.Ticks - tvTicks) / (double)TimeSpan.TicksPerSecond;
        int at = 0;
        if (timevalBytes == 16)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination, seconds);
            BinaryPrimitives.WriteInt64LittleEndian(destination[8..], microsecondPart);
            at = 16;
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(destination, checked((int)seconds));
            BinaryPrimitives.WriteInt32LittleEndian(destination[4..], (int)microsecondPart);
            at = 8;
        }

        BinaryPrimitives.WriteDoubleLittleEndian(destination[at..], offsetSeconds);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(at + 8)..], 0); // pulse: the offset names whole seconds too
        BinaryPrimitives.WriteInt32LittleEndian(destination[(at + 12)..], leap);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(at + 16)..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(at + 20)..], Magic);
        return at + 24;
    }

    /// <summary>
    /// Sends one sample. Returns false (counted in <see cref="Failed"/>, with <paramref name="error"/> and
    /// <see cref="LastError"/> naming the socket and the fix) when chronyd is not there; never throws for that.
    /// </summary>
    public bool TrySend(TimeSample sample, out string? error)
    {
        ArgumentNullException.ThrowIfNull(sample);
        int length = Encode(sample, _buffer, TimevalBytes);
        try
        {
            _socket.SendTo(_buffer.AsSpan(0, length), SocketFlags.None, _endPoint);
            Sent++;
            error = null;
            return true;
        }
        catch (SocketException e)
        {
            Failed++;
            // A missing socket file comes back as "Cannot assign requested address": say what it means.
            string reason = File.Exists(SocketPath) ? e.Message : "no such socket (chronyd is not running, or its refclock uses another path)";
            error = $"chrony socket {SocketPath}: {reason}; start chronyd with 'refclock SOCK {SocketPath} refid PPS' in chrony.conf (chronyd creates the socket) and run this as a user that may write to it";
            LastError = error;
            return false;
        }
    }

    /// <summary>Closes the client's socket.</summary>
    public void Dispose() => _socket.Dispose();
}
