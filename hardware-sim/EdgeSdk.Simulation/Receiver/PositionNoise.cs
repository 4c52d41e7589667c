namespace EdgeSdk.Simulation.Receiver;

/// <summary>
/// Position error that looks like a receiver's: a first-order Gauss–Markov process per axis
/// (east, north, up; correlation time 30 s), scaled by user range error × DOP and clamped at 3σ
/// so that |horizontal error| ≤ 3 · UERE · HDOP always holds (the bound the truth output reports).
/// </summary>
internal sealed class PositionNoise
{
    public const double SigmaClamp = 3;
    private const double CorrelationSeconds = 30;
    private readonly Random _random;
    private readonly double[] _unit = new double[3];

    public PositionNoise(int seed)
    {
        _random = new Random(seed);
        Restart();
    }

    /// <summary>Starts a new, uncorrelated error (after an outage or a reset).</summary>
    public void Restart()
    {
        for (int i = 0; i < 3; i++)
        {
            _unit[i] = Clamp(Gaussian());
        }
    }

    /// <summary>Advances by <paramref name="seconds"/> and returns the east, north, up error in meters.</summary>
    public (double East, double North, double Up) Next(double seconds, double horizontalSigmaPerAxis, double verticalSigma)
    {
        double phi = Math.Exp(-seconds / CorrelationSeconds);
        double drive = Math.Sqrt(1 - (phi * phi));
        for (int i = 0; i < 3; i++)
        {
            _unit[i] = Clamp((phi * _unit[i]) + (drive * Gaussian()));
        }

        return (_unit[0] * horizontalSigmaPerAxis, _unit[1] * horizontalSigmaPerAxis, _unit[2] * verticalSigma);
    }

    private static double Clamp(double x) => Math.Clamp(x, -SigmaClamp, SigmaClamp);

    // Box–Muller from the seeded stream: reproducible on every run.
    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
