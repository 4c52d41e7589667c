using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Iot.Device.SocketCan;

namespace EdgeSdk.Can;

/// <summary>
/// Reads a Linux SocketCAN interface (<c>can0</c>, <c>vcan0</c>) through Iot.Device.SocketCan's <see cref="CanRaw"/>
/// (classic CAN frames). The blocking socket read runs on its own thread and feeds a bounded drop-oldest queue
/// (<see cref="DroppedFrames"/> counts what a slow reader lost). Check <see cref="IsAvailable"/> first: a machine
/// without the interface (or without the kernel's CAN support) gets the reason, not an exception from deep inside.
/// </summary>
public sealed class SocketCanSource : ICanFrameSource
{
    private const int ArphrdCan = 280; // /sys/class/net/NAME/type of a CAN interface (linux/if_arp.h)
    private readonly int _capacity;
    private long _dropped;

    /// <summary>Creates a source for an interface.</summary>
    /// <param name="interfaceName">Interface name, e.g. <c>can0</c> or <c>vcan0</c>.</param>
    /// <param name="capacity">Frames queued before the oldest is dropped.</param>
    public SocketCanSource(string interfaceName, int capacity = 4096)
    {
        InterfaceName = interfaceName;
        _capacity = capacity;
    }

    /// <summary>The interface name.</summary>
    public string InterfaceName { get; }

    /// <summary>Frames dropped because the reader fell behind.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>Says whether an interface can be opened, and if not, why and how to fix it.</summary>
    /// <param name="interfaceName">Interface name.</param>
    /// <param name="reason">"" when available; otherwise one line naming the interface and the fix.</param>
    /// <returns>True when the interface exists, is a CAN interface, and a raw CAN socket opens on it.</returns>
    public static bool IsAvailable(string interfaceName, out string reason)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            reason = "SocketCAN needs Linux";
            return false;
        }

        string sys = Path.Combine("/sys/class/net", interfaceName);
        if (!Directory.Exists(sys))
        {
            reason = $"no network interface '{interfaceName}' ({sys} missing); for a virtual one: sudo modprobe vcan && sudo ip link add dev {interfaceName} type vcan && sudo ip link set up {interfaceName}";
            return false;
        }

        string type = File.Exists(Path.Combine(sys, "type")) ? File.ReadAllText(Path.Combine(sys, "type")).Trim() : "";
        if (type != ArphrdCan.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            reason = $"interface '{interfaceName}' is not a CAN interface (type {type}, CAN is {ArphrdCan})";
            return false;
        }

        try
        {
            using var probe = new CanRaw(interfaceName);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException or UnauthorizedAccessException)
        {
            reason = $"cannot open a raw CAN socket on '{interfaceName}': {e.Message} (is the can_raw kernel module loaded?)";
            return false;
        }

        reason = "";
        return true;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CanFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!IsAvailable(InterfaceName, out string reason))
        {
            throw new IOException(reason);
        }

        var channel = Channel.CreateBounded<CanFrame>(
            new BoundedChannelOptions(_capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        var socket = new CanRaw(InterfaceName);
        var reader = new Thread(() => ReadLoop(socket, channel.Writer)) { IsBackground = true, Name = $"SocketCAN {InterfaceName}" };
        reader.Start();
        try
        {
            await foreach (CanFrame frame in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }
        }
        finally
        {
            socket.Dispose(); // unblocks the reading thread
        }
    }

    private void ReadLoop(CanRaw socket, ChannelWriter<CanFrame> writer)
    {
        byte[] buffer = new byte[8];
        try
        {
            while (true)
            {
                if (!socket.TryReadFrame(buffer, out int length, out CanId id))
                {
                    continue;
                }

                if (id.Error || !id.IsValid)
                {
                    continue;
                }

                long micros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
                var frame = new CanFrame(micros, id.ExtendedFrameFormat ? id.Extended : id.Standard, id.ExtendedFrameFormat, false, buffer.AsSpan(0, length).ToArray(), InterfaceName)
                {
                    IsRemote = id.RemoteTransmissionRequest,
                };
                writer.TryWrite(frame);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            writer.TryComplete(); // the socket was closed (end of reading) or the interface went away
        }
    }
}
