#nullable enable
using System;
using System.Net;

namespace EdgeSdk.Jt808;

/// <summary>One frame (or one assembled long message) a <see cref="Jt808Platform"/> received, decoded or refused. .NET only.</summary>
public sealed class Jt808ReceivedMessage
{
    /// <summary>Creates a received message.</summary>
    /// <param name="result">Decode result.</param>
    /// <param name="message">The message, or null when the frame was refused.</param>
    /// <param name="phone">Terminal phone number from the header (read leniently for a refused frame), or null when unreadable.</param>
    /// <param name="remoteEndPoint">The terminal's address.</param>
    /// <param name="frame">The frame bytes as received (for an assembled message: the last package's frame).</param>
    /// <param name="answer">The message id the platform answered with (0x8001, 0x8100), or 0 when it did not answer.</param>
    /// <param name="answerResult">The result code of that answer, or -1 when none.</param>
    /// <param name="receivedAtUtc">When the frame was read.</param>
    public Jt808ReceivedMessage(Jt808DecodeResult result, Jt808Message? message, string? phone, EndPoint? remoteEndPoint, byte[] frame, int answer, int answerResult, DateTimeOffset receivedAtUtc)
    {
        Result = result;
        Message = message;
        Phone = phone;
        RemoteEndPoint = remoteEndPoint;
        Frame = frame;
        Answer = answer;
        AnswerResult = answerResult;
        ReceivedAtUtc = receivedAtUtc;
    }

    /// <summary>Decode result: <see cref="Jt808DecodeResult.Ok"/>, or why the frame or body was not understood.</summary>
    public Jt808DecodeResult Result { get; }

    /// <summary>The decoded message; null when the frame itself was refused (wrong BCC, bad escape, length mismatch, ...).</summary>
    public Jt808Message? Message { get; }

    /// <summary>Terminal phone number digits as in the header, or null when the header could not be read.</summary>
    public string? Phone { get; }

    /// <summary>The terminal's TCP address.</summary>
    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The frame bytes as received, flags included.</summary>
    public byte[] Frame { get; }

    /// <summary>Message id of the platform's answer (<see cref="Jt808MessageIds.PlatformGeneralResponse"/> or <see cref="Jt808MessageIds.RegistrationResponse"/>), 0 when none was sent.</summary>
    public int Answer { get; }

    /// <summary>Result code of the answer (e.g. <see cref="Jt808GeneralResponse.ResultNotSupported"/>), -1 when none was sent.</summary>
    public int AnswerResult { get; }

    /// <summary>When the platform read the frame (UTC).</summary>
    public DateTimeOffset ReceivedAtUtc { get; }

    /// <summary>The message id, or -1 when the frame was refused before the header could be read.</summary>
    public int MessageId => Message?.Header.MessageId ?? -1;
}
