using System.Device.I2c;
using EdgeSdk.Devices;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;

namespace LogisticsTracker;

/// <summary>The tracker's host: configuration, the receiver, the publisher and <see cref="TrackerService"/>.</summary>
public static class TrackerApp
{
    public const int ExitConfigurationError = 2;

    /// <summary>
    /// Builds the host; a bad setting is an <see cref="ArgumentException"/> whose message names it.
    /// <paramref name="displayDevice"/> replaces the real I2C bus of the status display (the simulator passes a virtual SSD1306),
    /// <paramref name="imuDevice"/> that of the IMU (a virtual MPU6050), and <paramref name="imuClock"/> stamps each IMU
    /// sample (default: the system clock; the simulator advances its vehicle there and returns the simulated time).
    /// </summary>
    public static IHost Build(string[] args, Func<I2cDevice>? displayDevice = null, Func<I2cDevice>? imuDevice = null, Func<DateTime>? imuClock = null)
    {
        // appsettings.json next to the program, whatever the working directory (systemd starts in /).
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSystemd(); // Type=notify readiness and journal-friendly logs under systemd; no-op elsewhere
        TrackerSettings settings = TrackerSettings.Read(builder.Configuration);
        GnssSource source = GnssSource.Parse(settings.Source!);        // checks the source syntax now
        TelemetryPublisherOptions publisherOptions = settings.ToPublisherOptions(); // and the broker address
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(provider => new GnssReceiver(source, logger: provider.GetService<ILogger<GnssReceiver>>()));
        builder.Services.AddSingleton(provider => new TelemetryPublisher(publisherOptions, provider.GetService<ILogger<TelemetryPublisher>>()));
        if (settings.DisplayI2cBus is int bus)
        {
            var i2c = new I2cConnectionSettings(bus, settings.DisplayI2cAddress);
            builder.Services.AddSingleton(provider => displayDevice is null
                ? new OledStatusDisplay(i2c, provider.GetService<ILogger<OledStatusDisplay>>())
                : new OledStatusDisplay(displayDevice, $"SSD1306 on I2C bus {bus} at 0x{settings.DisplayI2cAddress:X2}", provider.GetService<ILogger<OledStatusDisplay>>()));
        }

        if (settings.ImuI2cBus is int imuBus)
        {
            DrivingEventThresholds thresholds = settings.ToThresholds();
            thresholds.Validate(); // a bad threshold is a configuration error now, naming it
            var i2c = new I2cConnectionSettings(imuBus, settings.ImuI2cAddress);
            builder.Services.AddSingleton(provider => imuDevice is null
                ? new ImuMonitor(i2c, thresholds)
                : new ImuMonitor(imuDevice, $"MPU6050 on I2C bus {imuBus} at 0x{settings.ImuI2cAddress:X2}", thresholds));
            builder.Services.AddSingleton(provider => new DrivingEventTelemetry(provider.GetRequiredService<ImuMonitor>(), provider.GetRequiredService<TelemetryPublisher>()));
        }

        builder.Services.AddSingleton(provider => new TrackerService(
            provider.GetRequiredService<GnssReceiver>(), provider.GetRequiredService<TelemetryPublisher>(), settings,
            provider.GetRequiredService<IHostApplicationLifetime>(), provider.GetRequiredService<ILogger<TrackerService>>(),
            provider.GetService<OledStatusDisplay>(), provider.GetService<DrivingEventTelemetry>(), imuClock));
        builder.Services.AddHostedService(provider => provider.GetRequiredService<TrackerService>());
        return builder.Build();
    }

    /// <summary>Runs until stopped (Ctrl+C, SIGTERM from systemd); returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error, CancellationToken cancellationToken = default)
    {
        IHost host;
        try
        {
            host = Build(args);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"LogisticsTracker: {ex.Message}");
            return ExitConfigurationError;
        }

        using (host)
        {
            // The publisher is created here so its constructor's checks (device ID, fleet) fail before the host starts.
            TrackerService service;
            try
            {
                service = host.Services.GetRequiredService<TrackerService>();
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync($"LogisticsTracker: {ex.Message}");
                return ExitConfigurationError;
            }

            await host.RunAsync(cancellationToken);
            if (service.Failure is string failure)
            {
                await error.WriteLineAsync($"LogisticsTracker: {failure}");
                return ExitConfigurationError;
            }
        }

        return 0;
    }
}
