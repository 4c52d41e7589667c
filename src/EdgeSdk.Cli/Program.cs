using System.CommandLine;
using System.CommandLine.Invocation;

namespace EdgeSdk.Cli;

/// <summary>Entry point of the <c>edgesdk</c> command: builds the command tree and runs it.</summary>
internal static class Program
{
    /// <summary>
    /// How long a command may take to wrap up after Ctrl+C (flush the queue, print its summary) before
    /// System.CommandLine gives up on it and exits 130 anyway. Its default of 2 s cut summaries short.
    /// </summary>
    private static readonly TimeSpan WrapUpAfterInterrupt = TimeSpan.FromSeconds(10);

    public static int Main(string[] args)
    {
        RootCommand root = CommandTree.Build();
        ParseResult parsed = root.Parse(args);
        bool ownAction = parsed.Action != null && parsed.Action == parsed.CommandResult.Command.Action; // not --help or --version
        if (parsed.Action is ParseErrorAction || (ownAction && CommandLineMistakes.OptionLikeArgument(parsed) != null))
        {
            // A mistyped command or option: one line with the closest valid spelling, not 30 lines of help.
            Console.Error.WriteLine(CommandLineMistakes.Describe(parsed));
            return ExitCodes.Usage;
        }

        // User errors (a missing port, an unreachable broker) become one line and a non-zero exit
        // code in UserErrors; System.CommandLine's own handler would print a stack trace.
        return UserErrors.Run(() => parsed.Invoke(new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = WrapUpAfterInterrupt,
        }));
    }
}
