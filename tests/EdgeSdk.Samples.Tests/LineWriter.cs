using System.Text;

namespace EdgeSdk.Samples.Tests;

/// <summary>A console stand-in that keeps the lines a sample printed; safe to write from any thread.</summary>
public sealed class LineWriter : TextWriter
{
    private readonly List<string> _lines = new();

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_lines)
        {
            _lines.Add(value ?? string.Empty);
        }
    }

    public override void Write(char value) => throw new NotSupportedException("the samples print whole lines");
}
