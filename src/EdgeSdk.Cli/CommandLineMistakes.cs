using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace EdgeSdk.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into one line on stderr: the mistake, the command it was made in,
/// and the closest valid spelling from the command tree itself (so commands added later are suggested too),
/// instead of the whole help text.
/// </summary>
internal static class CommandLineMistakes
{
    /// <summary>The one line describing the first mistake of a parse that failed.</summary>
    public static string Describe(ParseResult result)
    {
        Command command = result.CommandResult.Command;
        string where = CommandPath(result.CommandResult);
        string help = $"{where} --help";
        string? token = FirstMistakenWord(result);
        if (token != null)
        {
            string typed = token.Split('=', 2)[0]; // --durration=10 is a mistyped --duration
            bool looksLikeOption = typed.StartsWith('-');
            if (!looksLikeOption && command.Subcommands.Count > 0)
            {
                string? command2 = ClosestName.Find(typed, command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name)));
                return command2 != null
                    ? $"{where}: '{typed}' is not a command; did you mean '{command2}'? ({help} lists them)"
                    : $"{where}: '{typed}' is not a command: use {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} ({help})";
            }

            // An option, or a word where an option was probably meant (duration for --duration).
            IEnumerable<string> options = OptionsOf(result.CommandResult);
            string? option = looksLikeOption
                ? ClosestName.Find(typed, options)
                : ClosestName.Find(typed, options.Select(o => o.TrimStart('-')), o => "--" + o);
            string what = looksLikeOption ? "is not an option" : "is an unexpected argument";
            return option != null
                ? $"{where}: '{typed}' {what}; did you mean '{option}'? ({help} lists the options)"
                : $"{where}: '{typed}' {what} ({help} lists the options)";
        }

        if (result.Errors.Count == 0)
        {
            return $"{where}: the command line is incomplete ({help})";
        }

        ParseError first = result.Errors[0];
        if (first.SymbolResult is CommandResult { Command.Subcommands.Count: > 0 } incomplete && incomplete.Command.Action == null)
        {
            // A command that only groups others (edgesdk, edgesdk bench) was given none of them.
            return $"{where}: give a command: {string.Join(", ", incomplete.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))} ({help})";
        }

        // A bad value or a missing required option: System.CommandLine's sentence names the option and the value.
        return $"{where}: {first.Message.TrimEnd('.')} ({help})";
    }

    /// <summary>
    /// The first word that looks like an option but was taken as an argument: System.CommandLine takes an
    /// unknown <c>--nowiat</c> as the SOURCE of <c>serve</c>, and <c>fixes --realtiem</c> would then look for a
    /// file of that name. Numbers (<c>-5</c>) and <c>-</c> (stdin) are arguments; a file named like an option
    /// can still be given as <c>./--name</c>.
    /// </summary>
    public static string? OptionLikeArgument(ParseResult result) => result.Tokens.Where(IsOptionLike).Select(t => t.Value).FirstOrDefault();

    private static bool IsOptionLike(Token token) => token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-'
        && !double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // The first word, in the order typed, that System.CommandLine could not match or took for an argument
    // while it looks like an option: in `edgesdk subscibe --count 3` that is subscibe, not --count.
    private static string? FirstMistakenWord(ParseResult result)
    {
        var unmatched = new HashSet<string>(result.UnmatchedTokens, StringComparer.Ordinal);
        foreach (Token token in result.Tokens)
        {
            if (IsOptionLike(token) || (token.Type == TokenType.Argument && unmatched.Contains(token.Value)))
            {
                return token.Value;
            }
        }

        return result.UnmatchedTokens.Count > 0 ? result.UnmatchedTokens[0] : null;
    }

    /// <summary>Every spelling of every option valid in this command: its own, and the recursive ones of its parents (--help).</summary>
    private static IEnumerable<string> OptionsOf(CommandResult commandResult)
    {
        bool own = true;
        for (SymbolResult? r = commandResult; r != null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                foreach (Option option in c.Command.Options.Where(o => !o.Hidden && (own || o.Recursive)))
                {
                    yield return option.Name;
                    foreach (string alias in option.Aliases)
                    {
                        yield return alias;
                    }
                }

                own = false;
            }
        }
    }

    /// <summary><c>edgesdk bench nmea</c>: the words the user typed to reach this command.</summary>
    private static string CommandPath(CommandResult commandResult)
    {
        var names = new List<string>();
        for (SymbolResult? r = commandResult; r != null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Insert(0, c.Command is RootCommand ? "edgesdk" : c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }
}
