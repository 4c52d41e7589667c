namespace EdgeSdk.Fuzz;

/// <summary>A target's check failed on an input (as opposed to an exception thrown by the code under test).</summary>
public sealed class FuzzInvariantException : Exception
{
    /// <summary>Creates the exception with what was expected and what happened.</summary>
    public FuzzInvariantException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public FuzzInvariantException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public FuzzInvariantException()
    {
    }
}
