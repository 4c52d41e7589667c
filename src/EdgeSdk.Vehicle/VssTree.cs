namespace EdgeSdk.Vehicle;

/// <summary>
/// The signals a databroker serves: every leaf of one or more VSS JSON exports, looked up by path or ID,
/// listed by pattern. Immutable once built (<see cref="VssTreeBuilder"/>).
/// </summary>
/// <example>
/// <code>
/// VssTree tree = VssTree.LoadDefault();                           // VSS 6.0, 1,263 signals
/// VssTree mine = VssTree.Load(["vss.json", "overlay.json"]);     // a tree plus an overlay
/// tree.TryGetSignal("Vehicle.Speed", out VssSignal? speed);      // float, km/h
/// </code>
/// </example>
public sealed class VssTree
{
    internal const string DefaultResourceName = "EdgeSdk.Vehicle.vss_release_6.0.json";

    private readonly VssSignal[] _signals;
    private readonly Dictionary<string, VssSignal> _byPath;
    private readonly HashSet<string> _branches;

    internal VssTree(List<VssSignal> signals, HashSet<string> branches, List<string> problems, string[] sources)
    {
        _signals = [.. signals];
        _byPath = new Dictionary<string, VssSignal>(signals.Count, StringComparer.Ordinal);
        foreach (VssSignal signal in signals)
        {
            _byPath[signal.Path] = signal;
        }

        _branches = branches;
        Problems = problems;
        Sources = sources;
    }

    /// <summary>Every leaf, in ID order (<c>Signals[i].Id == i + 1</c>).</summary>
    public IReadOnlyList<VssSignal> Signals => _signals;

    /// <summary>Leaves left out while building, one line each naming the path and why.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The files merged into this tree, in order.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The VSS 6.0 tree shipped in this assembly.</summary>
    public static VssTree LoadDefault() => new VssTreeBuilder().AddDefault().Build();

    /// <summary>
    /// Loads VSS JSON files, the first as the base and the rest as overlays; with <paramref name="overDefault"/>,
    /// all of them overlay the built-in VSS 6.0 tree.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist (the message names it).</exception>
    /// <exception cref="InvalidDataException">A file is not a VSS JSON tree (the message names it and says why).</exception>
    public static VssTree Load(IEnumerable<string> files, bool overDefault = false)
    {
        ArgumentNullException.ThrowIfNull(files);
        var builder = new VssTreeBuilder();
        if (overDefault)
        {
            builder.AddDefault();
        }

        foreach (string file in files)
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"VSS file {file} does not exist; give a VSS JSON export (vss-tools exporter json)", file);
            }

            if (!builder.TryAdd(File.ReadAllBytes(file), file, out string error))
            {
                throw new InvalidDataException(error);
            }
        }

        return builder.Build();
    }

    /// <summary>Finds a leaf by its full path.</summary>
    public bool TryGetSignal(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VssSignal? signal)
        => _byPath.TryGetValue(path, out signal);

    /// <summary>Finds a leaf by its ID.</summary>
    public bool TryGetSignal(int id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out VssSignal? signal)
    {
        signal = id >= 1 && id <= _signals.Length ? _signals[id - 1] : null;
        return signal != null;
    }

    /// <summary>True when <paramref name="path"/> names a branch (<c>Vehicle.Cabin</c>).</summary>
    public bool IsBranch(string path) => _branches.Contains(path);

    /// <summary>
    /// The leaves matching a pattern (<see cref="VssPathPattern"/>: a leaf, a branch, <c>Vehicle.Cabin.**</c>,
    /// <c>Vehicle.*.Speed</c>), in ID order. <see cref="VssError.InvalidRequest"/> for a malformed pattern,
    /// <see cref="VssError.UnknownSignal"/> when nothing matches.
    /// </summary>
    public VssError TryMatch(string pattern, out IReadOnlyList<VssSignal> matches)
    {
        matches = [];
        if (!VssPathPattern.TryParse(pattern, out VssPathPattern? parsed, out _))
        {
            return VssError.InvalidRequest;
        }

        if (!parsed!.HasWildcard && _byPath.TryGetValue(pattern, out VssSignal? leaf))
        {
            matches = [leaf];
            return VssError.None;
        }

        var found = new List<VssSignal>();
        foreach (VssSignal signal in _signals)
        {
            if (parsed.IsMatch(signal.Path))
            {
                found.Add(signal);
            }
        }

        matches = found;
        return found.Count > 0 ? VssError.None : VssError.UnknownSignal;
    }
}
