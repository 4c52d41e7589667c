namespace EdgeSdk.Rdss;

/// <summary>The terminal cannot be reached or does not answer; the message names the port and what to check.</summary>
public sealed class RdssTerminalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RdssTerminalException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public RdssTerminalException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public RdssTerminalException()
    {
    }
}
