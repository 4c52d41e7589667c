namespace EdgeSdk.Can;

/// <summary>A problem found in a DBC file, with its place: a syntax error, or a construct that was skipped.</summary>
public sealed class DbcDiagnostic
{
    /// <summary>Creates a diagnostic.</summary>
    /// <param name="fileName">The file name as given to the parser.</param>
    /// <param name="line">1-based line number.</param>
    /// <param name="message">What is wrong and what happened to it.</param>
    public DbcDiagnostic(string fileName, int line, string message)
    {
        FileName = fileName;
        Line = line;
        Message = message;
    }

    /// <summary>The file name as given to the parser.</summary>
    public string FileName { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>What is wrong and what happened to it.</summary>
    public string Message { get; }

    /// <summary>The compiler-style form <c>file:line: message</c>.</summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString() => $"{FileName}:{Line}: {Message}";
}
