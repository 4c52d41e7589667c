#nullable enable
using System;

namespace EdgeSdk.Jt808;

/// <summary>One parsed line of a <see cref="Jt808PlatformScript"/>. .NET only.</summary>
public sealed class Jt808ScriptCommand
{
    /// <summary>Creates a command.</summary>
    /// <param name="line">Line number in the script, from 1.</param>
    /// <param name="text">The line as written, trimmed.</param>
    /// <param name="action">What it does.</param>
    /// <param name="delay">Wait before acting.</param>
    /// <param name="phone">Target terminal, or null for the first terminal that authenticates.</param>
    /// <param name="messageId">Message id sent (0 unless <see cref="Jt808ScriptAction.Send"/>).</param>
    /// <param name="body">Body sent, or null for an empty one.</param>
    public Jt808ScriptCommand(int line, string text, Jt808ScriptAction action, TimeSpan delay, string? phone, int messageId, Jt808Body? body)
    {
        Line = line;
        Text = text;
        Action = action;
        Delay = delay;
        Phone = phone;
        MessageId = messageId;
        Body = body;
    }

    /// <summary>Line number in the script, from 1.</summary>
    public int Line { get; }

    /// <summary>The line as written, trimmed.</summary>
    public string Text { get; }

    /// <summary>What the line does.</summary>
    public Jt808ScriptAction Action { get; }

    /// <summary>How long to wait (after the target terminal has authenticated and the previous line finished) before acting.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Target terminal's phone number (set by a <c>terminal PHONE</c> line), or null for the first terminal that authenticates.</summary>
    public string? Phone { get; }

    /// <summary>Message id sent, for <see cref="Jt808ScriptAction.Send"/>.</summary>
    public int MessageId { get; }

    /// <summary>Body sent (null: empty body).</summary>
    public Jt808Body? Body { get; }
}
