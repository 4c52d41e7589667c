namespace EdgeSdk.Cockpit;

/// <summary>Climate zones and accepted requests (the <c>Cockpit:Climate</c> section).</summary>
public sealed class ClimateOptions
{
    /// <summary>Zones served, as VSS stations below <c>Vehicle.Cabin.HVAC.Station</c>; null or empty for the two front zones.</summary>
    public IList<string>? Zones { get; set; }

    /// <summary>Lowest temperature a request may ask for, °C.</summary>
    public float MinTemperatureCelsius { get; set; } = 16;

    /// <summary>Highest temperature a request may ask for, °C.</summary>
    public float MaxTemperatureCelsius { get; set; } = 30;

    /// <summary>The zones served: <see cref="Zones"/>, or <c>Row1.Driver</c> and <c>Row1.Passenger</c>.</summary>
    public IReadOnlyList<string> EffectiveZones => Zones is { Count: > 0 } zones ? [.. zones] : ["Row1.Driver", "Row1.Passenger"];
}
