#nullable enable
using System;

namespace EdgeSdk.Jt808;

/// <summary>
/// A terminal answered a platform command with a 0x0001 general response where the command expects a specific answer
/// (0x0104, 0x0201), e.g. result 3 "not supported". .NET only.
/// </summary>
public sealed class Jt808CommandRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public Jt808CommandRefusedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public Jt808CommandRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public Jt808CommandRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a terminal's general response.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="response">The terminal's answer.</param>
    public Jt808CommandRefusedException(string message, Jt808GeneralResponse response)
        : base(message)
    {
        Response = response;
    }

    /// <summary>The terminal's 0x0001 answer, when there was one.</summary>
    public Jt808GeneralResponse? Response { get; }
}
