using EdgeSdk.Gnss;

namespace EdgeSdk.Cli.Demo;

/// <summary>What the dashboard shows at one moment; filled by the demo from the libraries' own counters.</summary>
internal sealed record DemoSnapshot
{
    public required string Title { get; init; }
    public required string SerialPath { get; init; }
    public required string BrokerUri { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public required TimeSpan Duration { get; init; }
    public GnssFix? Fix { get; init; }
    public long FixesComputed { get; init; }
    public double DistanceMeters { get; init; }
    public bool BrokerUp { get; init; }
    public long Published { get; init; }
    public long Acknowledged { get; init; }
    public long Queued { get; init; }
    public long Dropped { get; init; }
    public double BytesPerFix { get; init; }
    public long Received { get; init; }
    public long Duplicates { get; init; }
    public IReadOnlyList<string> Events { get; init; } = Array.Empty<string>();
}
