using System.Diagnostics;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Tests;

/// <summary>
/// The contracts work for a foreign client: python stubs generated from the .proto files by Debian's protoc and gRPC
/// python plugin call every service through python3-grpcio (protobuf-compiler, protobuf-compiler-grpc, python3-grpcio:
/// installed by the test command).
/// </summary>
public sealed class PythonClientTests
{
    [Fact]
    public async Task A_python_client_generated_from_the_protos_calls_every_service()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync();
        Assert.Equal(VssError.None, host.Broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromFloat(33.5f)));
        Assert.Equal(VssError.None, host.Broker.TrySetCurrentValue("Vehicle.Powertrain.Transmission.CurrentGear", VssValue.FromInt32(2)));
        Assert.Equal(VssError.None, host.Broker.TrySetCurrentValue("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen", VssValue.FromBool(false)));
        await Eventually.ReadUntilAsync(host.Get<IVehicleStatusService>().WatchStatusAsync(), s => s.Doors.Count == 1, "the status");

        string output = Directory.CreateTempSubdirectory("edgesdk-cockpit-py").FullName;
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "Python", "cockpit_client_check.py"), Path.Combine(AppContext.BaseDirectory, "Protos"), output, host.Address })
            {
                start.ArgumentList.Add(arg);
            }

            using Process python = Process.Start(start)!;
            Task<string> stdout = python.StandardOutput.ReadToEndAsync();
            Task<string> stderr = python.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await python.WaitForExitAsync(timeout.Token);
            Assert.True(python.ExitCode == 0, $"python client failed:\n{await stdout}\n{await stderr}");
            Assert.Equal(
            [
                "status: 33.5 km/h, gear 2, doors Row1.DriverSide=False",
                "watch: first snapshot is the newest: True",
                "climate-error: CLIMATE_ERROR_ZONE_MISSING: zone 'Row9.Left' does not exist; zones: Row1.Driver, Row1.Passenger",
                "climate-zones: Row1.Driver, Row1.Passenger",
                "route: ROUTE_ERROR_NONE, 2 points, 1111.951 m",
                "media: MEDIA_ERROR_NONE, volume 55",
                "alerts: 6 rules: overspeed, door-open-while-moving, seat-belt-unfastened, low-fuel, low-battery, gnss-fix-lost",
            ],
            (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
