namespace EdgeSdk.Cli;

/// <summary>
/// The input was read but holds nothing usable (a capture without one valid sentence): exit code
/// <see cref="ExitCodes.DataProblem"/>. A broken configuration file (DBC, mapping, VSS tree, scenario) is the
/// libraries' <see cref="InvalidDataException"/> instead, a usage error the user fixes (exit code 2).
/// </summary>
internal sealed class DataProblemException(string message) : Exception(message);
