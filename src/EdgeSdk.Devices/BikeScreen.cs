using System.Globalization;

namespace EdgeSdk.Devices;

/// <summary>
/// The bike computer's screen: eight text rows of 21 characters on a 128×64 display, the same font and frame as
/// <see cref="StatusScreen"/>. Rows: 0 title (inverted), 1 speed, 2 trip distance, 3 maximum speed, 4 lean now,
/// 5 maximum lean, 6 hard brakings, 7 GNSS fix and IMU state.
/// </summary>
public static class BikeScreen
{
    /// <summary>The eight lines the screen shows, each at most 21 characters, upper case.</summary>
    public static string[] FormatLines(RideComputer ride, SensorState imu, string title = "BIKE")
    {
        ArgumentNullException.ThrowIfNull(ride);
        ArgumentNullException.ThrowIfNull(title);
        CultureInfo inv = CultureInfo.InvariantCulture;
        string[] lines =
        [
            title,
            string.Create(inv, $"SPEED {ride.SpeedMetersPerSecond * 3.6,5:F1} KM/H"),
            string.Create(inv, $"TRIP  {ride.TripDistanceMeters / 1000,6:F2} KM"),
            string.Create(inv, $"MAX   {ride.MaxSpeedMetersPerSecond * 3.6,5:F1} KM/H"),
            imu == SensorState.Working ? string.Create(inv, $"LEAN  {ride.LeanDegrees,5:F1} DEG") : "LEAN  ---",
            string.Create(inv, $"MAX LEAN {ride.MaxLeanDegrees,4:F1} DEG"),
            string.Create(inv, $"HARD BRAKES {ride.HardBrakings}"),
            $"FIX {StatusScreen.ModeLabel(ride.Mode)} IMU {ImuLabel(imu)}",
        ];
        for (int i = 0; i < lines.Length; i++)
        {
            string upper = lines[i].ToUpperInvariant();
            lines[i] = upper.Length > MonochromeFrame.TextColumns ? upper[..MonochromeFrame.TextColumns] : upper;
        }

        return lines;
    }

    /// <summary>The short label of a sensor state: OK, NONE (not answering), BAD (garbage), or --- before the first read.</summary>
    public static string ImuLabel(SensorState state) => state switch
    {
        SensorState.Working => "OK",
        SensorState.NotConnected => "NONE",
        SensorState.WrongAnswers => "BAD",
        _ => "---",
    };
}
