namespace EdgeSdk.Cockpit;

/// <summary>How a condition compares a signal (the <c>op</c> of a rule file).</summary>
public enum AlertOperator
{
    /// <summary><c>&gt;</c>: numbers.</summary>
    GreaterThan,

    /// <summary><c>&gt;=</c>: numbers.</summary>
    GreaterOrEqual,

    /// <summary><c>&lt;</c>: numbers.</summary>
    LessThan,

    /// <summary><c>&lt;=</c>: numbers.</summary>
    LessOrEqual,

    /// <summary><c>==</c>: numbers, booleans, strings.</summary>
    Equal,

    /// <summary><c>!=</c>: numbers, booleans, strings.</summary>
    NotEqual,

    /// <summary><c>staleFor</c>: no new value for at least <c>value</c> milliseconds (or none yet since the engine started).</summary>
    StaleFor,
}
