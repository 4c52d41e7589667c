namespace EdgeSdk.Simulation.Geometry;

/// <summary>
/// Dilution of precision from the least-squares geometry matrix G (one row per used satellite:
/// the negated east/north/up unit line of sight, then 1 for the receiver clock): Q = (GᵀG)⁻¹.
/// </summary>
internal readonly record struct Dop(double Pdop, double Hdop, double Vdop)
{
    public static Dop Unknown { get; } = new(99.99, 99.99, 99.99);

    /// <summary>Computes DOPs for satellites at the given elevations/azimuths (degrees); null when singular.</summary>
    /// <param name="lineOfSight">Elevation and azimuth of each used satellite, degrees.</param>
    /// <param name="fixedHeight">2-D solution: no up column, so VDOP is reported as 99.99.</param>
    public static Dop? Compute(IReadOnlyList<(double ElevationDegrees, double AzimuthDegrees)> lineOfSight, bool fixedHeight)
    {
        int n = fixedHeight ? 3 : 4;
        var normal = new double[n, n];
        var row = new double[n];
        foreach ((double el, double az) in lineOfSight)
        {
            double e = el * Math.PI / 180, a = az * Math.PI / 180;
            row[0] = -Math.Cos(e) * Math.Sin(a);
            row[1] = -Math.Cos(e) * Math.Cos(a);
            if (fixedHeight)
            {
                row[2] = 1;
            }
            else
            {
                row[2] = -Math.Sin(e);
                row[3] = 1;
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    normal[i, j] += row[i] * row[j];
                }
            }
        }

        double[,]? q = Invert(normal);
        if (q == null)
        {
            return null;
        }

        double h = Math.Sqrt(q[0, 0] + q[1, 1]);
        return fixedHeight ? new Dop(h, h, 99.99) : new Dop(Math.Sqrt(q[0, 0] + q[1, 1] + q[2, 2]), h, Math.Sqrt(q[2, 2]));
    }

    /// <summary>Gauss–Jordan inverse with partial pivoting of a small square matrix; null when singular.</summary>
    public static double[,]? Invert(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var inv = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            inv[i, i] = 1;
        }

        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, col]) < 1e-12)
            {
                return null;
            }

            for (int c = 0; c < n; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                (inv[col, c], inv[pivot, c]) = (inv[pivot, c], inv[col, c]);
            }

            double scale = a[col, col];
            for (int c = 0; c < n; c++)
            {
                a[col, c] /= scale;
                inv[col, c] /= scale;
            }

            for (int r = 0; r < n; r++)
            {
                if (r != col && a[r, col] != 0)
                {
                    double factor = a[r, col];
                    for (int c = 0; c < n; c++)
                    {
                        a[r, c] -= factor * a[col, c];
                        inv[r, c] -= factor * inv[col, c];
                    }
                }
            }
        }

        return inv;
    }
}
