namespace EdgeSdk.Simulation.Vehicle;

/// <summary>
/// The simulated vehicle's quantities by COVESA VSS path, in VSS units (km/h, rpm, percent, degrees, °C;
/// booleans as 1/0): the names a CAN mapping file uses. One table, so a new quantity is one line.
/// </summary>
public static class SimulatedVehicleSignals
{
    private static readonly Dictionary<string, Func<SimulatedVehicle, double>> Table = new(StringComparer.Ordinal)
    {
        ["Vehicle.Speed"] = v => v.SpeedMetersPerSecond * 3.6,
        ["Vehicle.Acceleration.Longitudinal"] = v => v.AccelerationMetersPerSecondSquared,
        ["Vehicle.Powertrain.Transmission.CurrentGear"] = v => v.Gear,
        ["Vehicle.Powertrain.CombustionEngine.Speed"] = v => v.EngineSpeedRpm,
        ["Vehicle.Powertrain.FuelSystem.RelativeLevel"] = v => v.FuelLevelPercent,
        ["Vehicle.Cabin.Door.Row1.DriverSide.IsOpen"] = v => v.IsDriverDoorOpen ? 1 : 0,
        ["Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted"] = v => v.IsDriverBelted ? 1 : 0,
        ["Vehicle.Body.Lights.Beam.Low.IsOn"] = v => v.AreLowBeamsOn ? 1 : 0,
        ["Vehicle.Body.Lights.DirectionIndicator.Left.IsSignaling"] = v => v.IsLeftIndicatorOn ? 1 : 0,
        ["Vehicle.Body.Lights.DirectionIndicator.Right.IsSignaling"] = v => v.IsRightIndicatorOn ? 1 : 0,
        ["Vehicle.Chassis.SteeringWheel.Angle"] = v => v.SteeringWheelAngleDegrees,
        ["Vehicle.Exterior.AirTemperature"] = v => v.AmbientTemperatureCelsius,
        ["Vehicle.Cabin.HVAC.AmbientAirTemperature"] = v => v.CabinTemperatureCelsius,
        ["Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature"] = v => v.HvacTargetTemperatureCelsius,
        ["Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed"] = v => v.FanSpeedPercent,
        ["Vehicle.Cabin.HVAC.IsAirConditioningActive"] = v => v.IsAirConditioningOn ? 1 : 0,
    };

    /// <summary>Every VSS path the simulated vehicle provides.</summary>
    public static IReadOnlyCollection<string> Paths => Table.Keys;

    /// <summary>Checks a mapping's VSS path (for <see cref="EdgeSdk.Can.CanVssMapping.Validate"/>).</summary>
    /// <param name="vssPath">VSS path.</param>
    /// <returns>Null when the simulated vehicle has the quantity, else the reason naming the known ones.</returns>
    public static string? Check(string vssPath) => Table.ContainsKey(vssPath) ? null : $"the simulated vehicle has no '{vssPath}' (it has {string.Join(", ", Table.Keys)})";

    /// <summary>Finds the reader of a quantity.</summary>
    /// <param name="vssPath">VSS path, e.g. <c>Vehicle.Speed</c>.</param>
    /// <param name="read">Reads the quantity from a vehicle, in VSS units.</param>
    /// <returns>False when the simulated vehicle has no such quantity.</returns>
    public static bool TryGetReader(string vssPath, out Func<SimulatedVehicle, double> read)
    {
        if (Table.TryGetValue(vssPath, out Func<SimulatedVehicle, double>? found))
        {
            read = found;
            return true;
        }

        read = _ => 0;
        return false;
    }
}
