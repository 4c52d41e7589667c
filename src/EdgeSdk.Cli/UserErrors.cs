using System.Net.Sockets;

namespace EdgeSdk.Cli;

/// <summary>
/// Turns the failures a user can fix (missing file or port, permission, unreachable host,
/// bad argument) into one line on stderr and exit code 2, instead of a stack trace.
/// </summary>
internal static class UserErrors
{
    public const int ExitUserError = 2;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            Console.Error.WriteLine($"edgesdk: {Describe(ex)}");
            return ExitUserError;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    private static bool IsUserError(Exception ex) => ex is IOException or UnauthorizedAccessException
        or SocketException or ArgumentException or FormatException or InvalidDataException or TimeoutException
        || (ex is AggregateException aggregate && aggregate.InnerExceptions.All(IsUserError));

    private static string Describe(Exception ex) => ex is AggregateException aggregate
        ? string.Join("; ", aggregate.InnerExceptions.Select(Describe))
        : ex.Message;
}
