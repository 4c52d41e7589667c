#nullable enable
using System;
using System.Collections.Generic;

namespace EdgeSdk.Jt808;

/// <summary>Settings of a <see cref="Jt808Platform"/>. .NET only.</summary>
public sealed class Jt808PlatformOptions
{
    /// <summary>
    /// Capacity of the received-message stream (<see cref="Jt808Platform.Received"/>). When full, the oldest message is
    /// dropped to make room and counted in <see cref="Jt808PlatformCounters.ReceivedDropped"/>: a test or a printer that
    /// stops reading must not stall the terminals' TCP connections. Default 10,000.
    /// </summary>
    public int ReceivedCapacity { get; set; } = 10_000;

    /// <summary>Terminals connected at once; further connections are closed at once and counted in <see cref="Jt808PlatformCounters.ConnectionsRefused"/>. Default 1,000.</summary>
    public int MaxTerminals { get; set; } = 1_000;

    /// <summary>
    /// When true (default) heartbeats, location reports and batches from a connection that has not authenticated
    /// (0x0102) are answered with 0x8001 result 1 (failure) and counted in <see cref="Jt808PlatformCounters.BeforeAuthentication"/>,
    /// as a production platform does; they still appear in the received stream.
    /// </summary>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>
    /// When true (default) a terminal authenticating with a code this platform never issued (it registered with an earlier
    /// platform run and kept its code) is accepted and the code remembered; a code that differs from one issued or preset
    /// is always refused (0x8001 result 1).
    /// </summary>
    public bool AcceptUnknownAuthenticationCodes { get; set; } = true;

    /// <summary>Authentication codes known at start, by terminal phone number (leading zeros do not matter).</summary>
    public IDictionary<string, string> AuthenticationCodes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Makes the authentication code for a registering terminal (argument: its phone number). Null (default): 16 random
    /// hex digits, the same code again if the terminal registers twice.
    /// </summary>
    public Func<string, string>? AuthenticationCodeFactory { get; set; }

    /// <summary>
    /// The 0x8100 result for a registering terminal (0 = registered; see <see cref="Jt808RegistrationResponse"/> constants).
    /// Null (default): every terminal is registered.
    /// </summary>
    public Func<string, Jt808Registration, int>? RegistrationResult { get; set; }

    /// <summary>
    /// Decides whether the platform answers a message (return false to stay silent, e.g. to make a terminal retransmit).
    /// Silenced answers are counted in <see cref="Jt808PlatformCounters.AnswersSuppressed"/>. Null (default): answer everything.
    /// </summary>
    public Func<Jt808Message, bool>? AnswerFilter { get; set; }

    /// <summary>Long messages assembled at once per terminal (sub-packages). Default 16.</summary>
    public int MaxPendingSubpackageMessages { get; set; } = 16;

    /// <summary>Largest sub-package count accepted per message. Default 256.</summary>
    public int MaxPackagesPerMessage { get; set; } = 256;

    /// <summary>Largest body per package when a command is split into sub-packages (at most 1023). Default 1023.</summary>
    public int MaxBodyBytesPerPackage { get; set; } = Jt808Codec.MaxBodyLength;
}
