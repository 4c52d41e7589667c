using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Simulation.Vehicle;

/// <summary>
/// A car that follows a scenario's drive and derives the body and powertrain state a CAN bus would carry: speed,
/// acceleration, gear, engine speed, fuel, driver door, seat belt, low beams, turn indicators, steering wheel angle,
/// cabin temperature. Deterministic: the same scenario and seed give the same values at the same times. Actuator
/// requests (HVAC temperature, low beams) take effect after a realistic delay, as an ECU would answer them.
/// </summary>
public sealed class SimulatedVehicle
{
    /// <summary>Seconds from the start until the driver door closes.</summary>
    public const double DoorClosesAtSeconds = 2;

    /// <summary>Seconds from the start until the engine runs.</summary>
    public const double EngineStartsAtSeconds = 2.5;

    /// <summary>Seconds from the start until the seat belt is fastened.</summary>
    public const double BeltFastenedAtSeconds = 3;

    /// <summary>Seconds from the start until the car starts to follow the route.</summary>
    public const double DriveStartsAtSeconds = 4;

    /// <summary>Delay between an HVAC temperature request and the climate ECU taking it as its target.</summary>
    public const double HvacResponseSeconds = 0.5;

    /// <summary>Delay between a low-beam request (or entering a tunnel) and the lamps being on.</summary>
    public const double LightsResponseSeconds = 0.2;

    private const double IdleRpm = 750;
    private const double WheelRadiusMeters = 0.31;
    private const double FinalDrive = 3.9;
    private const double WheelbaseMeters = 2.7;
    private const double SteeringRatio = 15.5;
    private const double TankLiters = 50;
    private const double LitersPer100Km = 7;
    private const double CabinTimeConstantSeconds = 300;
    private const double MinTurnRadiusMeters = 8;
    private const double AccelerometerTimeConstantSeconds = 0.1;
    private const double MaxYawDegreesPerSecond = 30;
    private static readonly double[] GearRatios = [3.6, 2.1, 1.4, 1.0, 0.8, 0.65];
    private static readonly double[] UpshiftKmh = [0, 15, 30, 50, 70, 90];

    private readonly VehicleTrajectory _trajectory;
    private readonly Random _random;
    private double _previousSpeed;
    private double _heading = double.NaN;
    private double _finishedAt = double.NaN;
    private double _hvacRequest = double.NaN, _hvacRequestAt;
    private int _fanRequest = -1;
    private double _fanRequestAt;
    private bool? _airConditioningRequest;
    private double _airConditioningRequestAt;
    private bool? _lightsRequest;
    private double _lightsRequestAt, _tunnelSince = double.NaN;

    /// <summary>Creates the vehicle at the start of the scenario's route, parked, driver door open.</summary>
    /// <param name="scenario">The drive to follow.</param>
    /// <param name="seed">Seed of the small sensor noise (engine speed, ambient temperature).</param>
    public SimulatedVehicle(Scenario scenario, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
        _trajectory = new VehicleTrajectory(scenario);
        _random = new Random(seed);
        AmbientTemperatureCelsius = 18 + (_random.NextDouble() * 8);
        CabinTemperatureCelsius = AmbientTemperatureCelsius;
        HvacTargetTemperatureCelsius = 21;
        FuelLevelPercent = 75;
        IsDriverDoorOpen = true;
        Update(0);
    }

    /// <summary>The drive being followed.</summary>
    public Scenario Scenario { get; }

    /// <summary>Simulated seconds since the start.</summary>
    public double TimeSeconds { get; private set; }

    /// <summary>Simulated UTC time: the scenario's start time plus <see cref="TimeSeconds"/>.</summary>
    public DateTime TimeUtc => Scenario.StartTimeUtc.AddTicks((long)(TimeSeconds * TimeSpan.TicksPerSecond));

    /// <summary>True once the route is done and the driver has got out.</summary>
    public bool Finished { get; private set; }

    /// <summary>Latitude, degrees.</summary>
    public double LatitudeDegrees { get; private set; }

    /// <summary>Longitude, degrees.</summary>
    public double LongitudeDegrees { get; private set; }

    /// <summary>Heading of the car, degrees clockwise from north (turns smoothly where the route has corners).</summary>
    public double HeadingDegrees => _heading;

    /// <summary>Speed over ground, m/s.</summary>
    public double SpeedMetersPerSecond { get; private set; }

    /// <summary>Longitudinal acceleration, m/s² (negative when braking).</summary>
    public double AccelerationMetersPerSecondSquared { get; private set; }

    /// <summary>Engaged gear: 0 = park/neutral, 1 to 6 forward.</summary>
    public int Gear { get; private set; }

    /// <summary>Engine speed, rpm (0 when the engine is off).</summary>
    public double EngineSpeedRpm { get; private set; }

    /// <summary>Fuel level, percent of the tank.</summary>
    public double FuelLevelPercent { get; private set; }

    /// <summary>True while the driver door is open.</summary>
    public bool IsDriverDoorOpen { get; private set; }

    /// <summary>True while the driver's seat belt is fastened.</summary>
    public bool IsDriverBelted { get; private set; }

    /// <summary>True while the low beams are on (requested, or automatically in a tunnel).</summary>
    public bool AreLowBeamsOn { get; private set; }

    /// <summary>True while the left turn indicator is signalling.</summary>
    public bool IsLeftIndicatorOn { get; private set; }

    /// <summary>True while the right turn indicator is signalling.</summary>
    public bool IsRightIndicatorOn { get; private set; }

    /// <summary>Steering wheel angle, degrees, positive to the left (as VSS counts it).</summary>
    public double SteeringWheelAngleDegrees { get; private set; }

    /// <summary>Outside air temperature, °C (set from the seed).</summary>
    public double AmbientTemperatureCelsius { get; }

    /// <summary>Cabin air temperature, °C; approaches the HVAC target.</summary>
    public double CabinTemperatureCelsius { get; private set; }

    /// <summary>The temperature the climate ECU is regulating to, °C (changes <see cref="HvacResponseSeconds"/> after a request).</summary>
    public double HvacTargetTemperatureCelsius { get; private set; }

    /// <summary>Asks the climate ECU for a cabin temperature; it takes effect after <see cref="HvacResponseSeconds"/>.</summary>
    /// <param name="celsius">Target, 16 to 30 °C.</param>
    public void RequestHvacTemperature(double celsius)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(celsius, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(celsius, 30);
        _hvacRequest = celsius;
        _hvacRequestAt = TimeSeconds;
    }

    /// <summary>The climate ECU's fan speed, percent (changes <see cref="HvacResponseSeconds"/> after a request).</summary>
    public int FanSpeedPercent { get; private set; }

    /// <summary>True while the air conditioning runs (changes <see cref="HvacResponseSeconds"/> after a request).</summary>
    public bool IsAirConditioningOn { get; private set; }

    /// <summary>Asks the climate ECU for a fan speed; it takes effect after <see cref="HvacResponseSeconds"/>.</summary>
    /// <param name="percent">0 to 100 %.</param>
    public void RequestFanSpeed(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        _fanRequest = percent;
        _fanRequestAt = TimeSeconds;
    }

    /// <summary>Switches the air conditioning on or off; it takes effect after <see cref="HvacResponseSeconds"/>.</summary>
    /// <param name="on">True for on.</param>
    public void RequestAirConditioning(bool on)
    {
        _airConditioningRequest = on;
        _airConditioningRequestAt = TimeSeconds;
    }

    /// <summary>Switches the low beams on or off; it takes effect after <see cref="LightsResponseSeconds"/>.</summary>
    /// <param name="on">True for on.</param>
    public void RequestLowBeams(bool on)
    {
        _lightsRequest = on;
        _lightsRequestAt = TimeSeconds;
    }

    /// <summary>Advances the simulation.</summary>
    /// <param name="seconds">Step, e.g. 0.01 s.</param>
    public void Step(double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        TimeSeconds += seconds;
        if (TimeSeconds > DriveStartsAtSeconds)
        {
            _trajectory.Step(seconds);
        }

        Update(seconds);
    }

    private void Update(double dt)
    {
        VehicleState state = _trajectory.Current;
        double t = TimeSeconds;
        LatitudeDegrees = state.LatitudeDegrees;
        LongitudeDegrees = state.LongitudeDegrees;
        SpeedMetersPerSecond = state.SpeedMetersPerSecond;
        if (dt > 0)
        {
            // An accelerometer is low-pass filtered, and the route's halts are a step to 0 m/s in one tick.
            double raw = (SpeedMetersPerSecond - _previousSpeed) / dt;
            AccelerationMetersPerSecondSquared += (raw - AccelerationMetersPerSecondSquared) * (1 - Math.Exp(-dt / AccelerometerTimeConstantSeconds));
        }

        _previousSpeed = SpeedMetersPerSecond;

        if (state.Finished && double.IsNaN(_finishedAt))
        {
            _finishedAt = t;
        }

        double sinceFinish = double.IsNaN(_finishedAt) ? double.NegativeInfinity : t - _finishedAt;
        bool engineOn = t >= EngineStartsAtSeconds && sinceFinish < 1;
        IsDriverBelted = t >= BeltFastenedAtSeconds && sinceFinish < 2;
        IsDriverDoorOpen = t < DoorClosesAtSeconds || sinceFinish >= 3;
        Finished = sinceFinish >= 3;

        double kmh = SpeedMetersPerSecond * 3.6;
        bool driving = t > DriveStartsAtSeconds && !state.Finished;
        Gear = !driving ? 0 : Math.Max(1, Array.FindLastIndex(UpshiftKmh, limit => kmh >= limit) + 1);
        if (!engineOn)
        {
            EngineSpeedRpm = 0;
        }
        else
        {
            double wheelRpm = SpeedMetersPerSecond / (2 * Math.PI * WheelRadiusMeters) * 60;
            double rpm = Gear == 0 ? IdleRpm : Math.Max(IdleRpm, wheelRpm * GearRatios[Gear - 1] * FinalDrive);
            EngineSpeedRpm = rpm + ((_random.NextDouble() - 0.5) * 10);
        }

        double meters = SpeedMetersPerSecond * dt;
        FuelLevelPercent = Math.Max(0, FuelLevelPercent - (meters / 100_000 * LitersPer100Km / TankLiters * 100));

        // Turning: the route's legs change bearing at a point, a car cannot. Its heading turns towards the leg's
        // bearing at the yaw rate of a turn of MinTurnRadiusMeters (capped at MaxYawDegreesPerSecond); the bicycle
        // model gives the road-wheel angle of that yaw rate, the steering ratio the steering wheel angle. Bearings
        // grow clockwise, VSS counts steering positive to the left.
        double target = state.CourseDegrees;
        double yawDegreesPerSecond = 0;
        if (double.IsNaN(_heading))
        {
            _heading = target;
        }
        else if (dt > 0)
        {
            double error = ((target - _heading + 540) % 360) - 180;
            double maxYaw = Math.Min(MaxYawDegreesPerSecond, SpeedMetersPerSecond / MinTurnRadiusMeters * 180 / Math.PI);
            double turn = Math.Clamp(error, -maxYaw * dt, maxYaw * dt);
            _heading = (_heading + turn + 360) % 360;
            yawDegreesPerSecond = turn / dt;
        }

        if (SpeedMetersPerSecond > 0.5)
        {
            double yawRadians = yawDegreesPerSecond * Math.PI / 180;
            double wheelAngle = Math.Atan(WheelbaseMeters * yawRadians / SpeedMetersPerSecond) * 180 / Math.PI;
            SteeringWheelAngleDegrees = Math.Clamp(-wheelAngle * SteeringRatio, -540, 540);
        }

        bool turning = Math.Abs(yawDegreesPerSecond) > 3 && SpeedMetersPerSecond > 1;
        IsLeftIndicatorOn = turning && yawDegreesPerSecond < 0;
        IsRightIndicatorOn = turning && yawDegreesPerSecond > 0;

        if (state.Environment == ScenarioEnvironment.Tunnel)
        {
            _tunnelSince = double.IsNaN(_tunnelSince) ? t : _tunnelSince;
        }
        else
        {
            _tunnelSince = double.NaN;
        }

        bool requested = _lightsRequest == true && t - _lightsRequestAt >= LightsResponseSeconds;
        bool keepFromRequest = _lightsRequest == true && t - _lightsRequestAt < LightsResponseSeconds && AreLowBeamsOn;
        bool offPending = _lightsRequest == false && t - _lightsRequestAt < LightsResponseSeconds && AreLowBeamsOn;
        bool tunnel = !double.IsNaN(_tunnelSince) && t - _tunnelSince >= LightsResponseSeconds;
        AreLowBeamsOn = requested || keepFromRequest || offPending || tunnel;

        if (!double.IsNaN(_hvacRequest) && t - _hvacRequestAt >= HvacResponseSeconds)
        {
            HvacTargetTemperatureCelsius = _hvacRequest;
            _hvacRequest = double.NaN;
        }

        if (_fanRequest >= 0 && t - _fanRequestAt >= HvacResponseSeconds)
        {
            FanSpeedPercent = _fanRequest;
            _fanRequest = -1;
        }

        if (_airConditioningRequest is bool airConditioning && t - _airConditioningRequestAt >= HvacResponseSeconds)
        {
            IsAirConditioningOn = airConditioning;
            _airConditioningRequest = null;
        }

        if (engineOn && dt > 0)
        {
            CabinTemperatureCelsius += (HvacTargetTemperatureCelsius - CabinTemperatureCelsius) * (1 - Math.Exp(-dt / CabinTimeConstantSeconds));
        }
    }
}
