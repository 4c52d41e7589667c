namespace EdgeSdk.Cockpit;

/// <summary>Where a cockpit service is in its life.</summary>
public enum CockpitServiceState
{
    /// <summary>Created, not started.</summary>
    NotStarted = 0,

    /// <summary>Started and serving.</summary>
    Running,

    /// <summary>Stopped by the host.</summary>
    Stopped,

    /// <summary>Its background work failed (see <see cref="ICockpitService.Fault"/>); calls answer from the last state.</summary>
    Faulted,
}
