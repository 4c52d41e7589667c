using EdgeSdk.Cockpit.Protocol;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeSdk.Cockpit.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task Settings_bind_from_configuration_and_the_host_lists_the_services_it_started()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync(settings: new()
        {
            ["Cockpit:SubscriberCapacity"] = "8",
            ["Cockpit:OffRouteThresholdMeters"] = "25",
            ["Cockpit:Climate:Zones:0"] = "Row2.Driver",
            ["Cockpit:Climate:MaxTemperatureCelsius"] = "28",
        });
        CockpitOptions options = host.Get<IOptions<CockpitOptions>>().Value;
        Assert.Equal((8, 25.0, 28f), (options.SubscriberCapacity, options.OffRouteThresholdMeters, options.Climate.MaxTemperatureCelsius));
        Assert.Equal(["Row2.Driver"], host.Get<IClimateService>().GetClimate().Zones.Select(z => z.Zone));
        SetZoneReply reply = await host.Get<IClimateService>().SetZoneAsync(new SetZoneRequest { Zone = "Row2.Driver", TemperatureCelsius = 29 });
        Assert.Equal("zone Row2.Driver: 29 °C is out of range; give 16..28 °C", reply.Message);

        CockpitHostedService cockpit = host.Get<CockpitHostedService>();
        Assert.Equal(
            [
                ("vehicle-status", nameof(DatabrokerVehicleStatusService), CockpitServiceState.Running),
                ("navigation", nameof(GnssNavigationService), CockpitServiceState.Running),
                ("climate", nameof(DatabrokerClimateService), CockpitServiceState.Running),
                ("media", nameof(DatabrokerMediaService), CockpitServiceState.Running),
                ("alerts", nameof(RuleEngineAlertsService), CockpitServiceState.Running),
            ],
            cockpit.Services.Select(s => (s.Name, s.GetType().Name, s.State)));
    }

    [Fact]
    public async Task A_team_replaces_a_service_by_registering_its_class()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync(services: s =>
        {
            s.AddSingleton<IClimateService, TeamClimate>();
            s.AddSingleton<IAlertsService, TeamAlerts>();
        });
        var climate = new Protocol.ClimateService.ClimateServiceClient(host.Channel);
        SetZoneReply reply = await climate.SetZoneAsync(new SetZoneRequest { Zone = "cockpit", TemperatureCelsius = 19 });
        Assert.Equal(ClimateError.None, reply.Error);
        ClimateState state = await climate.GetClimateAsync(new GetClimateRequest());
        Assert.Equal(("cockpit", 19f), (state.Zones[0].Zone, state.Zones[0].TemperatureCelsius));

        // The team's alerts service raises from its own background work; the gRPC stream shows it.
        var alerts = new Protocol.AlertsService.AlertsServiceClient(host.Channel);
        using AsyncServerStreamingCall<AlertEvent> watch = alerts.WatchAlerts(new WatchAlertsRequest());
        Alert alert = (await Eventually.ReadUntilAsync(watch.ResponseStream.ReadAllAsync(), _ => true, "the team's alert")).Alert;
        Assert.Equal(("team-check", AlertSeverity.Info, "hello from the team"), (alert.RuleId, alert.Severity, alert.Message));

        Assert.Equal(["TeamClimate", "TeamAlerts"], host.Get<CockpitHostedService>().Services.Where(s => s.Name is "climate" or "alerts").Select(s => s.GetType().Name));
    }

    [Fact]
    public async Task Invalid_settings_fail_the_start_with_the_setting_named()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => CockpitTestHost.StartAsync(o => o.SubscriberCapacity = 0));
        Assert.Equal("Cockpit:SubscriberCapacity must be 1..100000", ex.Message);
    }

    [Fact]
    public async Task Stopping_the_host_ends_the_streams_and_stops_the_services()
    {
        CockpitTestHost host = await CockpitTestHost.StartAsync();
        IVehicleStatusService status = host.Get<IVehicleStatusService>();
        CockpitHostedService cockpit = host.Get<CockpitHostedService>();
        var received = new List<VehicleStatus>();
        Task reading = Task.Run(async () =>
        {
            await foreach (VehicleStatus s in status.WatchStatusAsync())
            {
                received.Add(s);
            }
        });
        await Eventually.TrueAsync(() => status.StreamCounters.Subscribers == 1, "the reader subscribed");
        await host.DisposeAsync();
        await reading.WaitAsync(Eventually.Patience); // ended by the stop, not cancelled
        Assert.All(cockpit.Services, s => Assert.Equal(CockpitServiceState.Stopped, s.State));
    }

    private sealed class TeamClimate(IOptions<CockpitOptions> options) : ClimateServiceBase(options.Value.SubscriberCapacity)
    {
        public override Task<SetZoneReply> SetZoneAsync(SetZoneRequest request, CancellationToken cancellationToken = default)
        {
            Publish(new ClimateState { Zones = { new ClimateZone { Zone = request.Zone, TemperatureCelsius = request.TemperatureCelsius } } });
            return Task.FromResult(new SetZoneReply());
        }
    }

    private sealed class TeamAlerts(ILogger<TeamAlerts> logger) : AlertsServiceBase(16, logger)
    {
        protected override Task RunAsync(CancellationToken stoppingToken)
        {
            Raise("team-check", AlertSeverity.Info, "hello from the team", DateTime.UtcNow);
            return Task.CompletedTask;
        }
    }
}
