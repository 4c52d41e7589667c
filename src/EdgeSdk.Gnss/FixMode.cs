namespace EdgeSdk.Gnss;

/// <summary>Fix dimension, numbered as gpsd's TPV <c>mode</c> (0 unknown, 1 none, 2 2D, 3 3D).</summary>
public enum FixMode
{
    /// <summary>Nothing seen yet that says whether there is a fix.</summary>
    Unknown = 0,
    /// <summary>The receiver reports no fix.</summary>
    NoFix = 1,
    /// <summary>Horizontal position only.</summary>
    TwoD = 2,
    /// <summary>Horizontal position and altitude.</summary>
    ThreeD = 3,
}
