using System.Globalization;
using EdgeSdk.Positioning;
using EdgeSdk.Simulation.Geometry;

namespace EdgeSdk.Simulation.Scenarios;

/// <summary>
/// Cuts a scenario so the drive starts partway along its route: a short run (a demo, a test) can
/// reach the interesting part (a tunnel) without driving the whole route first.
/// </summary>
public static class ScenarioSection
{
    /// <summary>
    /// Returns a copy of <paramref name="scenario"/> that starts, standing still, <paramref name="leadMeters"/>
    /// along the route before the first leg with <paramref name="environment"/> (e.g. 900 m before the
    /// tunnel). The new first waypoint is named after that leg's start ("900 m before Tunnel, west portal")
    /// and keeps the speed limit and environment of the leg it lies on; everything else is unchanged.
    /// Returns <paramref name="scenario"/> itself when no leg has that environment or the route is
    /// shorter than the lead (the drive then starts at the beginning), and for a looping route.
    /// </summary>
    public static Scenario StartBefore(Scenario scenario, ScenarioEnvironment environment, double leadMeters)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegative(leadMeters);
        IReadOnlyList<ScenarioWaypoint> points = scenario.Waypoints;
        int target = -1;
        for (int i = 0; i < points.Count - 1 && target < 0 && !scenario.Loop; i++)
        {
            target = points[i].Environment == environment ? i : -1;
        }

        // Walk back leg by leg from the start of the target leg until the lead is used up.
        double remaining = leadMeters;
        for (int leg = target - 1; leg >= 0; leg--)
        {
            ScenarioWaypoint a = points[leg], b = points[leg + 1];
            double length = GreatCircle.DistanceMeters(a.LatitudeDegrees, a.LongitudeDegrees, b.LatitudeDegrees, b.LongitudeDegrees);
            if (remaining > length)
            {
                remaining -= length;
                continue;
            }

            double f = length <= 0 ? 0 : 1 - (remaining / length); // fraction from a to b
            var start = new ScenarioWaypoint
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{leadMeters:0} m before {points[target].Name ?? $"waypoint {target}"}"),
                LatitudeDegrees = a.LatitudeDegrees + (f * (b.LatitudeDegrees - a.LatitudeDegrees)),
                LongitudeDegrees = a.LongitudeDegrees + (f * (b.LongitudeDegrees - a.LongitudeDegrees)),
                AltitudeMeters = a.AltitudeMeters + (f * (b.AltitudeMeters - a.AltitudeMeters)),
                SpeedLimitKmh = a.SpeedLimitKmh,
                Environment = a.Environment,
            };
            return scenario with { Waypoints = points.Skip(leg + 1).Prepend(start).ToArray() };
        }

        return scenario;
    }
}
