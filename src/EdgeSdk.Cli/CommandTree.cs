using System.CommandLine;

namespace EdgeSdk.Cli;

/// <summary>The command tree: each feature contributes its commands from its own file.</summary>
internal static class CommandTree
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "EdgeSdk: BeiDou/GNSS positioning and in-vehicle telemetry at the edge. " +
            "Parse NMEA, read receivers, simulate hardware, publish over MQTT.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(NmeaCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(FixesCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(BrokerCommand.Create());
        root.Subcommands.Add(TrackCommand.Create());
        root.Subcommands.Add(SubscribeCommand.Create());
        root.Subcommands.Add(CanCommand.Create());
        root.Subcommands.Add(DatabrokerCommand.Create());
        root.Subcommands.Add(VssCommand.Create());
        root.Subcommands.Add(GeoCommand.Create());
        root.Subcommands.Add(TripsCommand.Create());
        root.Subcommands.Add(Jt808Command.Create());
        root.Subcommands.Add(CockpitCommand.Create());
        root.Subcommands.Add(RdssCommand.Create());
        root.Subcommands.Add(FleetCommand.Create());
        root.Subcommands.Add(TimeCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        return root;
    }
}
