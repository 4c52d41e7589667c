namespace EdgeSdk.Cockpit;

/// <summary>What every cockpit service shows the host: its name, state and stream counters.</summary>
public interface ICockpitService
{
    /// <summary>Short name shown by the host (<c>vehicle-status</c>, <c>navigation</c>, ...).</summary>
    string Name { get; }

    /// <summary>Where the service is in its life.</summary>
    CockpitServiceState State { get; }

    /// <summary>Why the service faulted, or null.</summary>
    Exception? Fault { get; }

    /// <summary>The service's change stream(s): subscribers, items published, items dropped for slow readers.</summary>
    CockpitStreamCounters StreamCounters { get; }
}
