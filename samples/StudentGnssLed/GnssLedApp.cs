using System.Device.Gpio;
using System.Globalization;
using EdgeSdk.Devices;
using EdgeSdk.Gnss;

namespace StudentGnssLed;

/// <summary>
/// The board program: fixes from the receiver set the LED's pattern and print a line when the fix
/// state changes; pressing the button (active low, to ground) prints the latest position. An optional
/// SSD1306 OLED shows the fix and satellites; if it does not answer, one line says so and the LED goes on.
/// </summary>
public sealed class GnssLedApp(GpioController gpio, int ledPin, int buttonPin, TextWriter output, BlinkTiming? timing = null,
    OledStatusDisplay? display = null)
{
    private GnssFix? _latest;

    public FixLed Led { get; } = new(gpio, ledPin, timing);

    /// <summary>Runs until the receiver ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <exception cref="IOException">The serial port cannot be opened; the message names it.</exception>
    public async Task RunAsync(GnssReceiver receiver, CancellationToken cancellationToken)
    {
        gpio.OpenPin(buttonPin, PinMode.InputPullUp);
        gpio.RegisterCallbackForPinValueChangedEvent(buttonPin, PinEventTypes.Falling, OnButton);
        using var stopBlinking = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task blinking = Led.RunAsync(stopBlinking.Token);
        try
        {
            await foreach (GnssFix fix in receiver.ReadFixesAsync(cancellationToken))
            {
                Volatile.Write(ref _latest, fix);
                if (display is { IsUpdateDue: true } && !display.Show(TrackerStatus.FromFix(fix, "STUDENT GNSS")) && display.FailedUpdates == 1)
                {
                    output.WriteLine($"display: {display.StatusMessage}");
                }

                if (fix.Mode != Led.Mode)
                {
                    Led.Mode = fix.Mode;
                    output.WriteLine($"fix: {Describe(fix.Mode)}, {fix.SatellitesUsed} satellites used");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C
        }
        finally
        {
            await stopBlinking.CancelAsync();
            await blinking;
            gpio.UnregisterCallbackForPinValueChangedEvent(buttonPin, OnButton);
        }
    }

    /// <summary>What a mode means, in words.</summary>
    public static string Describe(FixMode mode) => mode switch
    {
        FixMode.ThreeD => "3D fix",
        FixMode.TwoD => "2D fix",
        FixMode.NoFix => "no fix",
        _ => "no data",
    };

    /// <summary>The line the button prints.</summary>
    public static string PositionLine(GnssFix? fix) => fix is { HasPosition: true }
        ? string.Create(CultureInfo.InvariantCulture,
            $"position: {fix.LatitudeDegrees:F6}, {fix.LongitudeDegrees:F6} ({Describe(fix.Mode)}, {fix.SatellitesUsed} satellites) at {fix.TimeUtc:HH:mm:ss} UTC")
        : $"position: none yet ({Describe(fix?.Mode ?? FixMode.Unknown)})";

    private void OnButton(object sender, PinValueChangedEventArgs e) => output.WriteLine(PositionLine(Volatile.Read(ref _latest)));
}
