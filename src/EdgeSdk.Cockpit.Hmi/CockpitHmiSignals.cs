namespace EdgeSdk.Cockpit.Hmi;

/// <summary>The VSS signals the page shows straight from the databroker (climate, media and alerts come from the cockpit services).</summary>
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
    ];
}
