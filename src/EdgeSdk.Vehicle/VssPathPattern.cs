namespace EdgeSdk.Vehicle;

/// <summary>
/// A signal path pattern as KUKSA's ListMetadata accepts it: dot-separated segments where <c>*</c> matches
/// exactly one segment and <c>**</c> any number (including none). A pattern also matches everything below
/// what it names, so <c>Vehicle.Cabin</c> equals <c>Vehicle.Cabin.**</c>, and <c>Vehicle.*.Speed</c> matches
/// <c>Vehicle.Body.Speed</c> or any leaf under such a branch.
/// </summary>
public sealed class VssPathPattern
{
    private readonly string[] _segments;

    private VssPathPattern(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>True when the pattern has a wildcard segment.</summary>
    public bool HasWildcard => Array.Exists(_segments, s => s is "*" or "**");

    /// <summary>Reads a pattern; refuses empty segments and partial wildcards (<c>Door*</c>). Never throws.</summary>
    public static bool TryParse(string text, out VssPathPattern? pattern, out string error)
    {
        pattern = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the path pattern is empty";
            return false;
        }

        string[] segments = text.Split('.');
        foreach (string segment in segments)
        {
            if (segment.Length == 0)
            {
                error = $"'{text}' has an empty segment";
                return false;
            }

            if (segment.Contains('*', StringComparison.Ordinal) && segment is not ("*" or "**"))
            {
                error = $"'{text}': a wildcard must be a whole segment (* or **), not '{segment}'";
                return false;
            }
        }

        pattern = new VssPathPattern(text, segments);
        error = "";
        return true;
    }

    /// <summary>True when <paramref name="path"/> (a leaf path) matches the pattern or lies below what it matches.</summary>
    public bool IsMatch(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Match(path.Split('.'), 0, 0);
    }

    // Segment-wise glob with an implicit trailing ** (a pattern covers everything below what it names).
    private bool Match(string[] path, int p, int s)
    {
        if (s == _segments.Length)
        {
            return true;
        }

        if (_segments[s] == "**")
        {
            for (int skip = p; skip <= path.Length; skip++)
            {
                if (Match(path, skip, s + 1))
                {
                    return true;
                }
            }

            return false;
        }

        return p < path.Length
            && (_segments[s] == "*" || string.Equals(_segments[s], path[p], StringComparison.Ordinal))
            && Match(path, p + 1, s + 1);
    }
}
