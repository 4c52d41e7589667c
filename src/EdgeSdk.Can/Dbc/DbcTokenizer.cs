using System.Collections.Generic;
using System.Text;

namespace EdgeSdk.Can;

/// <summary>Splits DBC text into tokens with line numbers; the one place that knows DBC's lexical rules.</summary>
internal static class DbcTokenizer
{
    /// <summary>Tokenizes; on an unterminated string returns false with the line where it starts.</summary>
    public static bool TryTokenize(string text, List<DbcToken> tokens, out int errorLine, out string error)
    {
        int i = 0;
        int line = 1;
        int lastTokenLine = 0;
        var sb = new StringBuilder();
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            // "//" comments are not in the DBC grammar, but editors and some generators write them.
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            bool first = line != lastTokenLine;
            int start = i;
            int tokenLine = line;
            if (c == '"')
            {
                sb.Clear();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        errorLine = tokenLine;
                        error = "unterminated string (a '\"' is missing)";
                        return false;
                    }

                    char s = text[i];
                    if (s == '\\' && i + 1 < text.Length && (text[i + 1] == '"' || text[i + 1] == '\\'))
                    {
                        sb.Append(text[i + 1]);
                        i += 2;
                        continue;
                    }

                    if (s == '"')
                    {
                        i++;
                        break;
                    }

                    if (s == '\n')
                    {
                        line++;
                    }

                    sb.Append(s);
                    i++;
                }

                tokens.Add(new DbcToken(DbcTokenKind.String, sb.ToString(), tokenLine, first, start, i));
            }
            else if (char.IsAsciiDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < text.Length && (char.IsAsciiDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                i++;
                while (i < text.Length)
                {
                    char d = text[i];
                    bool exponentSign = (d == '-' || d == '+') && (text[i - 1] == 'e' || text[i - 1] == 'E');
                    if (char.IsAsciiDigit(d) || d == '.' || d == 'e' || d == 'E' || exponentSign)
                    {
                        i++;
                    }
                    else
                    {
                        break;
                    }
                }

                tokens.Add(new DbcToken(DbcTokenKind.Number, text[start..i], tokenLine, first, start, i));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new DbcToken(DbcTokenKind.Identifier, text[start..i], tokenLine, first, start, i));
            }
            else
            {
                i++;
                tokens.Add(new DbcToken(DbcTokenKind.Punctuation, text[start..i], tokenLine, first, start, i));
            }

            lastTokenLine = tokenLine;
        }

        // An error at the end of the file points at the last line that has something on it.
        tokens.Add(new DbcToken(DbcTokenKind.End, "", lastTokenLine == 0 ? 1 : lastTokenLine, true, text.Length, text.Length));
        errorLine = 0;
        error = "";
        return true;
    }
}
