namespace EdgeSdk.Cockpit.Hmi;

/// <summary>The VSS signals the page shows, and the climate zones it can set. One table, read by the feed and the page.</summary>
public static class CockpitHmiSignals
{
    /// <summary>Vehicle speed, km/h (VSS unit).</summary>
    public const string Speed = "Vehicle.Speed";

    /// <summary>Engaged gear (0 neutral/park, negative reverse).</summary>
    public const string Gear = "Vehicle.Powertrain.Transmission.CurrentGear";

    /// <summary>Fuel level, percent.</summary>
    public const string FuelPercent = "Vehicle.Powertrain.FuelSystem.RelativeLevel";

    /// <summary>Traction battery state of charge, percent (electric vehicles).</summary>
    public const string StateOfChargePercent = "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed";

    /// <summary>Media volume, percent (actuator).</summary>
    public const string MediaVolume = "Vehicle.Cabin.Infotainment.Media.Volume";

    /// <summary>Every signal the page displays, in the order the page lists them.</summary>
    public static IReadOnlyList<string> Displayed { get; } =
    [
        Speed,
        Gear,
        FuelPercent,
        StateOfChargePercent,
        "Vehicle.Powertrain.CombustionEngine.Speed",
        "Vehicle.Cabin.Door.Row1.DriverSide.IsOpen",
        "Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted",
        "Vehicle.Body.Lights.Beam.Low.IsOn",
        "Vehicle.Cabin.HVAC.AmbientAirTemperature",
        "Vehicle.Exterior.AirTemperature",
        "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
        "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature",
        MediaVolume,
        "Vehicle.Cabin.Infotainment.Media.Played.Source",
        "Vehicle.Cabin.Infotainment.Media.Played.Artist",
        "Vehicle.Cabin.Infotainment.Media.Played.Track",
    ];

    /// <summary>Climate zone name (as the page and the API say it) → the zone's VSS temperature actuator.</summary>
    public static IReadOnlyDictionary<string, string> TemperatureZones { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["driver"] = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",
        ["passenger"] = "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature",
        ["rear-left"] = "Vehicle.Cabin.HVAC.Station.Row2.Driver.Temperature",
        ["rear-right"] = "Vehicle.Cabin.HVAC.Station.Row2.Passenger.Temperature",
    };
}
