using System.Globalization;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit;

/// <summary>One condition of an alert rule: a signal compared with a constant, or a signal gone stale.</summary>
public sealed class AlertCondition
{
    internal AlertCondition(VssSignal signal, AlertOperator op, VssValue value, double number)
    {
        Signal = signal;
        Operator = op;
        Value = value;
        Number = number;
    }

    /// <summary>The signal compared.</summary>
    public VssSignal Signal { get; }

    /// <summary>The comparison.</summary>
    public AlertOperator Operator { get; }

    /// <summary>The constant (a boolean or string, or <see cref="VssValue.None"/> for numbers: see <see cref="Number"/>).</summary>
    public VssValue Value { get; }

    /// <summary>The numeric constant (milliseconds for <see cref="AlertOperator.StaleFor"/>); NaN when the constant is not a number.</summary>
    public double Number { get; }

    /// <summary>The condition as in the rule file: <c>Vehicle.Speed &gt; 120</c>.</summary>
    public override string ToString()
    {
        string constant = !double.IsNaN(Number) ? Number.ToString("R", CultureInfo.InvariantCulture)
            : Value.Type == VssValueType.Bool ? (Value.AsBool() ? "true" : "false")
            : Value.AsString();
        return $"{Signal.Path} {Symbol(Operator)} {constant}";
    }

    /// <summary>Whether the condition holds for a signal's last value received at <paramref name="receivedUtc"/> (<c>default</c> when none yet).</summary>
    internal bool Holds(in VssValue current, DateTime receivedUtc, DateTime startedUtc, DateTime nowUtc)
    {
        if (Operator == AlertOperator.StaleFor)
        {
            DateTime since = receivedUtc == default ? startedUtc : receivedUtc;
            return (nowUtc - since).TotalMilliseconds >= Number;
        }

        if (current.IsNone)
        {
            return false; // nothing known: no alert on a signal the vehicle never reported
        }

        if (!double.IsNaN(Number))
        {
            if (!VssValues.TryNumber(current, out double x))
            {
                return false;
            }

            return Operator switch
            {
                AlertOperator.GreaterThan => x > Number,
                AlertOperator.GreaterOrEqual => x >= Number,
                AlertOperator.LessThan => x < Number,
                AlertOperator.LessOrEqual => x <= Number,
                AlertOperator.Equal => x == Number,
                _ => x != Number,
            };
        }

        bool equal = current == Value;
        return Operator == AlertOperator.Equal ? equal : !equal;
    }

    internal static string Symbol(AlertOperator op) => op switch
    {
        AlertOperator.GreaterThan => ">",
        AlertOperator.GreaterOrEqual => ">=",
        AlertOperator.LessThan => "<",
        AlertOperator.LessOrEqual => "<=",
        AlertOperator.Equal => "==",
        AlertOperator.NotEqual => "!=",
        _ => "staleFor",
    };
}
