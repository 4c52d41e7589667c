namespace EdgeSdk.Simulation.Geometry;

/// <summary>A Cartesian vector in meters (ECEF, ECI or ENU, as the caller says).</summary>
internal readonly record struct Vector3(double X, double Y, double Z)
{
    public static Vector3 operator -(Vector3 a, Vector3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));
}
