namespace EdgeSdk.Telemetry;

/// <summary>
/// A fleet, device or group name that <see cref="TelemetryNames"/> refused. An <see cref="ArgumentException"/>, so
/// callers that catch those keep working; <see cref="Problem"/> says why without parsing the message.
/// </summary>
public sealed class TelemetryNameException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The one-line message: the name, what it is, and the allowed set.</param>
    /// <param name="name">The refused name.</param>
    /// <param name="problem">Why it was refused.</param>
    public TelemetryNameException(string message, string? name, TelemetryNameProblem problem)
        : base(message)
    {
        Name = name;
        Problem = problem;
    }

    /// <summary>The refused name as given (null when none was).</summary>
    public string? Name { get; }

    /// <summary>Why it was refused.</summary>
    public TelemetryNameProblem Problem { get; }
}
