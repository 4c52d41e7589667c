using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EdgeSdk.Can;

/// <summary>
/// Parses DBC text (the Vector CAN database format) into a <see cref="DbcDatabase"/>. Never throws for bad
/// input: a syntax error comes back as a <see cref="DbcDiagnostic"/> (<c>file:line: reason</c>); constructs it does
/// not model (environment variables, signal groups, float signals, ...) are skipped and listed in
/// <see cref="DbcDatabase.Warnings"/> with their lines.
/// </summary>
/// <remarks>
/// .NET only (not in the nanoFramework gate): parsing text needs growable lists, dictionaries and culture-invariant
/// number parsing, none of which nanoFramework's mscorlib has. The model it produces is portable.
/// </remarks>
public static class DbcParser
{
    // Statements the parser recognises but does not model: skipped to their ';' with a warning.
    private static readonly HashSet<string> SkippedStatements = new(StringComparer.Ordinal)
    {
        "BO_TX_BU_", "EV_", "ENVVAR_DATA_", "EV_DATA_", "SGTYPE_", "SGTYPE_VAL_", "SIG_GROUP_", "SIG_TYPE_REF_",
        "SIGTYPE_VALTYPE_", "CAT_DEF_", "CAT_", "FILTER", "BA_DEF_SGTYPE_", "BA_SGTYPE_", "BA_DEF_REL_", "BA_REL_",
        "BA_DEF_DEF_REL_", "BU_SG_REL_", "BU_EV_REL_", "BU_BO_REL_", "NS_DESC_",
    };

    /// <summary>Parses DBC text.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="fileName">Name used in diagnostics (<c>file:line</c>).</param>
    /// <param name="database">The database, when parsing succeeded.</param>
    /// <param name="error">The first syntax error, when it failed.</param>
    /// <returns>True when the text parsed (possibly with warnings).</returns>
    public static bool TryParse(string text, string fileName, [NotNullWhen(true)] out DbcDatabase? database, [NotNullWhen(false)] out DbcDiagnostic? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<DbcToken>();
        database = null;
        if (!DbcTokenizer.TryTokenize(text, tokens, out int errorLine, out string reason))
        {
            error = new DbcDiagnostic(fileName, errorLine, reason);
            return false;
        }

        var state = new State(text, fileName, tokens);
        try
        {
            state.ParseAll();
        }
        catch (SyntaxError e)
        {
            error = new DbcDiagnostic(fileName, e.Line, e.Reason);
            return false;
        }

        database = state.Build();
        error = null;
        return true;
    }

    private sealed class SyntaxError(int line, string reason) : Exception(reason)
    {
        public int Line { get; } = line;

        public string Reason { get; } = reason;
    }

    private sealed class MessageBuilder
    {
        public uint RawId;
        public string Name = "";
        public int LengthBytes;
        public string Transmitter = "";
        public string Comment = "";
        public int Line;
        public bool Dropped;
        public readonly List<SignalBuilder> Signals = [];
        public readonly List<CanAttributeValue> Attributes = [];
    }

    private sealed class SignalBuilder
    {
        public string Name = "";
        public int Line;
        public int StartBit;
        public int LengthBits;
        public CanByteOrder ByteOrder;
        public bool IsSigned;
        public double Factor;
        public double Offset;
        public double Minimum;
        public double Maximum;
        public string Unit = "";
        public string[] Receivers = [];
        public bool IsMultiplexer;
        public long MultiplexValue = -1; // from "mN": selected when the message's M signal equals N
        public string MultiplexerName = "";
        public List<long> Lows = [];
        public List<long> Highs = [];
        public bool HasExtendedRanges;
        public CanValueDescription[] Values = [];
        public string Comment = "";
        public CanSignalValueType ValueType;
        public readonly List<CanAttributeValue> Attributes = [];
    }

    private sealed class State(string text, string fileName, List<DbcToken> tokens)
    {
        private readonly List<MessageBuilder> _messages = [];
        private readonly Dictionary<uint, MessageBuilder> _byId = [];
        private readonly Dictionary<string, CanValueDescription[]> _valueTables = new(StringComparer.Ordinal);
        private readonly List<DbcAttributeDefinition> _attributeDefinitions = [];
        private readonly List<CanAttributeValue> _networkAttributes = [];
        private readonly Dictionary<string, string> _nodeComments = new(StringComparer.Ordinal);
        private readonly List<DbcDiagnostic> _warnings = [];
        private readonly List<string> _nodes = [];
        private string _version = "";
        private string _comment = "";
        private MessageBuilder? _current;
        private int _pos;

        private DbcToken Peek => tokens[_pos];

        public void ParseAll()
        {
            while (Peek.Kind != DbcTokenKind.End)
            {
                DbcToken keyword = Next();
                if (keyword.Kind != DbcTokenKind.Identifier)
                {
                    throw new SyntaxError(keyword.Line, $"expected a keyword (BO_, SG_, CM_, ...), found '{keyword.Text}'");
                }

                if (keyword.Text != "SG_")
                {
                    _current = null;
                }

                switch (keyword.Text)
                {
                    case "VERSION": _version = Expect(DbcTokenKind.String, "a quoted version after VERSION").Text; break;
                    case "NS_": SkipNewSymbols(); break;
                    case "BS_": SkipRestOfLine(keyword); break;
                    case "BU_": ParseNodes(keyword); break;
                    case "VAL_TABLE_": ParseValueTable(); break;
                    case "BO_": ParseMessage(keyword); break;
                    case "SG_": ParseSignal(keyword); break;
                    case "CM_": ParseComment(keyword); break;
                    case "BA_DEF_": ParseAttributeDefinition(); break;
                    case "BA_DEF_DEF_": ParseAttributeDefault(keyword); break;
                    case "BA_": ParseAttribute(keyword); break;
                    case "VAL_": ParseValueDescriptions(keyword); break;
                    case "SG_MUL_VAL_": ParseMultiplexRanges(keyword); break;
                    case "SIG_VALTYPE_": ParseValueType(keyword); break;
                    default:
                        if (SkippedStatements.Contains(keyword.Text))
                        {
                            Warn(keyword.Line, $"{keyword.Text} is not supported; statement skipped");
                            SkipStatement(keyword);
                        }
                        else
                        {
                            Warn(keyword.Line, $"unknown statement '{keyword.Text}'; skipped to the end of the line");
                            SkipRestOfLine(keyword);
                        }

                        break;
                }
            }
        }

        public DbcDatabase Build()
        {
            var messages = new List<CanMessage>();
            foreach (MessageBuilder m in _messages)
            {
                if (m.Dropped)
                {
                    continue;
                }

                ResolveMultiplexing(m);
                var signals = new CanSignal[m.Signals.Count];
                for (int i = 0; i < signals.Length; i++)
                {
                    SignalBuilder s = m.Signals[i];
                    signals[i] = new CanSignal(
                        s.Name, s.StartBit, s.LengthBits, s.ByteOrder, s.IsSigned, s.Factor, s.Offset, s.Minimum, s.Maximum, s.Unit,
                        s.Receivers, s.IsMultiplexer, s.MultiplexerName, [.. s.Lows], [.. s.Highs], s.Values, s.Comment, [.. s.Attributes], s.ValueType);
                }

                bool extended = (m.RawId & 0x80000000u) != 0;
                uint id = extended ? m.RawId & 0x1FFFFFFFu : m.RawId;
                var message = new CanMessage(id, extended, m.Name, m.LengthBytes, m.Transmitter, signals, m.Comment, [.. m.Attributes]);
                if (message.DecodeOrder.Length != signals.Length)
                {
                    Warn(m.Line, $"message {m.Name}: {signals.Length - message.DecodeOrder.Length} signal(s) have a multiplexer that does not exist or loops; they are never decoded");
                }

                messages.Add(message);
            }

            return new DbcDatabase(fileName, _version, [.. _nodes], [.. messages], _valueTables, _attributeDefinitions, [.. _networkAttributes], _comment, _nodeComments, _warnings);
        }

        private void ResolveMultiplexing(MessageBuilder m)
        {
            // Simple multiplexing: "mN" signals follow the message's one plain "M" signal. Extended multiplexing
            // (SG_MUL_VAL_) names the switch and value ranges explicitly and wins over "mN".
            SignalBuilder? root = null;
            foreach (SignalBuilder s in m.Signals)
            {
                if (s.IsMultiplexer && s.MultiplexValue < 0 && s.MultiplexerName.Length == 0)
                {
                    root ??= s;
                }
            }

            foreach (SignalBuilder s in m.Signals)
            {
                if (s.HasExtendedRanges || s.MultiplexValue < 0)
                {
                    continue;
                }

                if (root == null)
                {
                    Warn(s.Line, $"signal {s.Name} is multiplexed (m{s.MultiplexValue}) but message {m.Name} has no multiplexer (M) signal; never decoded");
                    s.MultiplexerName = "\u0000missing";
                }
                else
                {
                    s.MultiplexerName = root.Name;
                }

                s.Lows.Add(s.MultiplexValue);
                s.Highs.Add(s.MultiplexValue);
            }
        }

        private void SkipNewSymbols()
        {
            Expect(":", "':' after NS_");
            while (Peek.Kind == DbcTokenKind.Identifier && Peek.Text is not ("BS_" or "BU_" or "BO_"))
            {
                _pos++;
            }
        }

        private void SkipRestOfLine(DbcToken keyword)
        {
            while (Peek.Kind != DbcTokenKind.End && !Peek.FirstOnLine)
            {
                _pos++;
            }

            _ = keyword;
        }

        private void SkipStatement(DbcToken keyword)
        {
            while (Peek.Kind != DbcTokenKind.End && Peek.Text != ";")
            {
                _pos++;
            }

            if (Peek.Kind == DbcTokenKind.End)
            {
                throw new SyntaxError(keyword.Line, $"{keyword.Text} statement has no closing ';'");
            }

            _pos++;
        }

        private void ParseNodes(DbcToken keyword)
        {
            Expect(":", "':' after BU_");
            while (Peek.Kind == DbcTokenKind.Identifier && !Peek.FirstOnLine)
            {
                _nodes.Add(Next().Text);
            }

            _ = keyword;
        }

        private void ParseValueTable()
        {
            string name = Expect(DbcTokenKind.Identifier, "a table name after VAL_TABLE_").Text;
            _valueTables[name] = ParseValuePairs();
        }

        private CanValueDescription[] ParseValuePairs()
        {
            var values = new List<CanValueDescription>();
            while (Peek.Text != ";" || Peek.Kind != DbcTokenKind.Punctuation)
            {
                long raw = ExpectInteger("a raw value or ';' in the value list");
                string description = Expect(DbcTokenKind.String, "a quoted description after the value").Text;
                values.Add(new CanValueDescription(raw, description));
            }

            _pos++;
            return [.. values];
        }

        private void ParseMessage(DbcToken keyword)
        {
            uint rawId = (uint)ExpectUnsigned("a message id after BO_", uint.MaxValue);
            string name = Expect(DbcTokenKind.Identifier, "a message name after the id").Text;
            Expect(":", "':' after the message name");
            int length = (int)ExpectUnsigned("the message length (DLC bytes)", int.MaxValue);
            string transmitter = Peek.Kind == DbcTokenKind.Identifier && !Peek.FirstOnLine ? Next().Text : "";
            var message = new MessageBuilder { RawId = rawId, Name = name, LengthBytes = length, Transmitter = transmitter, Line = keyword.Line };
            _current = message;
            if ((rawId & 0x40000000u) != 0)
            {
                // Vector's VECTOR__INDEPENDENT_SIG_MSG (0xC0000000) holds signals not sent in any frame.
                message.Dropped = true;
                Warn(keyword.Line, $"message {name} has pseudo id 0x{rawId:X8} (signals outside any frame); not decoded");
            }
            else if ((rawId & 0x80000000u) == 0 && rawId > 0x7FF)
            {
                message.Dropped = true;
                Warn(keyword.Line, $"message {name}: standard id {rawId} is above 0x7FF (extended ids have bit 31 set); not decoded");
            }
            else if (length > 64)
            {
                message.Dropped = true;
                Warn(keyword.Line, $"message {name}: length {length} bytes is above CAN FD's 64; not decoded");
            }
            else if (_byId.TryGetValue(rawId, out MessageBuilder? earlier))
            {
                message.Dropped = true;
                Warn(keyword.Line, $"message {name}: id {rawId} is already used by {earlier.Name}; the later message is not decoded");
            }
            else
            {
                _byId[rawId] = message;
            }

            _messages.Add(message);
        }

        private void ParseSignal(DbcToken keyword)
        {
            MessageBuilder message = _current ?? throw new SyntaxError(keyword.Line, "SG_ outside a message (it must follow a BO_ line)");
            var s = new SignalBuilder { Line = keyword.Line };
            s.Name = Expect(DbcTokenKind.Identifier, "a signal name after SG_").Text;
            if (Peek.Kind == DbcTokenKind.Identifier)
            {
                ParseMultiplexIndicator(s, Next());
            }

            Expect(":", "':' after the signal name");
            s.StartBit = (int)ExpectUnsigned("the start bit", int.MaxValue);
            Expect("|", "'|' between start bit and length");
            s.LengthBits = (int)ExpectUnsigned("the length in bits", int.MaxValue);
            Expect("@", "'@' before the byte order");
            string order = Expect(DbcTokenKind.Number, "byte order 0 (Motorola) or 1 (Intel) after '@'").Text;
            if (order is not ("0" or "1"))
            {
                throw new SyntaxError(keyword.Line, $"byte order must be 0 (Motorola) or 1 (Intel), found '{order}'");
            }

            s.ByteOrder = order == "1" ? CanByteOrder.Intel : CanByteOrder.Motorola;
            DbcToken sign = Next();
            if (sign.Text is not ("+" or "-"))
            {
                throw new SyntaxError(sign.Line, $"expected '+' (unsigned) or '-' (signed) after the byte order, found '{sign.Text}'");
            }

            s.IsSigned = sign.Text == "-";
            Expect("(", "'(' before factor,offset");
            s.Factor = ExpectDouble("the factor");
            Expect(",", "',' between factor and offset");
            s.Offset = ExpectDouble("the offset");
            Expect(")", "')' after the offset");
            Expect("[", "'[' before minimum|maximum");
            s.Minimum = ExpectDouble("the minimum");
            Expect("|", "'|' between minimum and maximum");
            s.Maximum = ExpectDouble("the maximum");
            Expect("]", "']' after the maximum");
            s.Unit = Expect(DbcTokenKind.String, "a quoted unit").Text;
            var receivers = new List<string>();
            while (!Peek.FirstOnLine && (Peek.Kind == DbcTokenKind.Identifier || Peek.Text == ","))
            {
                DbcToken t = Next();
                if (t.Kind == DbcTokenKind.Identifier)
                {
                    receivers.Add(t.Text);
                }
            }

            s.Receivers = [.. receivers];
            if (s.LengthBits < 1 || s.LengthBits > 64)
            {
                Warn(s.Line, $"signal {s.Name}: length {s.LengthBits} bits is outside 1..64; signal dropped");
                return;
            }

            int required = new CanSignal(s.Name, s.StartBit, s.LengthBits, s.ByteOrder, false, 1, 0).RequiredLengthBytes;
            if (s.ByteOrder == CanByteOrder.Intel ? s.StartBit + s.LengthBits > 512 : required > 64 || s.StartBit >= 512)
            {
                Warn(s.Line, $"signal {s.Name}: bits reach beyond 64 bytes; signal dropped");
                return;
            }

            if (required > message.LengthBytes)
            {
                Warn(s.Line, $"signal {s.Name} reaches byte {required} but message {message.Name} is {message.LengthBytes} bytes; decoded only from frames that long");
            }

            foreach (SignalBuilder other in message.Signals)
            {
                if (other.Name == s.Name)
                {
                    Warn(s.Line, $"signal {s.Name} appears twice in message {message.Name}; the later one is dropped");
                    return;
                }
            }

            message.Signals.Add(s);
        }

        private static void ParseMultiplexIndicator(SignalBuilder s, DbcToken t)
        {
            string x = t.Text;
            if (x == "M")
            {
                s.IsMultiplexer = true;
                return;
            }

            int end = x.Length;
            if (x.Length > 2 && x[^1] == 'M')
            {
                s.IsMultiplexer = true;
                end--;
            }

            if (x.Length < 2 || x[0] != 'm' || !long.TryParse(x.AsSpan(1, end - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                throw new SyntaxError(t.Line, $"bad multiplexer indicator '{x}' (expected M, mN or mNM)");
            }

            s.MultiplexValue = value;
        }

        private void ParseComment(DbcToken keyword)
        {
            DbcToken target = Next();
            if (target.Kind == DbcTokenKind.String)
            {
                _comment = target.Text;
            }
            else
            {
                switch (target.Text)
                {
                    case "BU_":
                        string node = Expect(DbcTokenKind.Identifier, "a node name after CM_ BU_").Text;
                        _nodeComments[node] = Expect(DbcTokenKind.String, "a quoted comment").Text;
                        break;
                    case "BO_":
                        {
                            MessageBuilder? m = FindMessage(keyword.Line);
                            string text = Expect(DbcTokenKind.String, "a quoted comment").Text;
                            m?.Comment = text;
                            break;
                        }

                    case "SG_":
                        {
                            SignalBuilder? s = FindSignal(keyword.Line);
                            string text = Expect(DbcTokenKind.String, "a quoted comment").Text;
                            s?.Comment = text;
                            break;
                        }

                    case "EV_":
                        Warn(keyword.Line, "comments on environment variables (CM_ EV_) are not kept");
                        Expect(DbcTokenKind.Identifier, "a variable name after CM_ EV_");
                        Expect(DbcTokenKind.String, "a quoted comment");
                        break;
                    default:
                        throw new SyntaxError(target.Line, $"expected a quoted comment or BU_/BO_/SG_/EV_ after CM_, found '{target.Text}'");
                }
            }

            Expect(";", "';' after the comment");
        }

        private void ParseAttributeDefinition()
        {
            string objectType = "";
            if (Peek.Kind == DbcTokenKind.Identifier && Peek.Text is "BU_" or "BO_" or "SG_" or "EV_")
            {
                objectType = Next().Text;
            }

            string name = Expect(DbcTokenKind.String, "a quoted attribute name").Text;
            int start = Peek.Start;
            int line = Peek.Line;
            while (Peek.Kind != DbcTokenKind.End && Peek.Text != ";")
            {
                _pos++;
            }

            if (Peek.Kind == DbcTokenKind.End)
            {
                throw new SyntaxError(line, $"attribute definition '{name}' has no closing ';'");
            }

            string valueType = text[start..Peek.Start].Trim();
            _pos++;
            _attributeDefinitions.Add(new DbcAttributeDefinition(objectType, name, valueType));
        }

        private void ParseAttributeDefault(DbcToken keyword)
        {
            string name = Expect(DbcTokenKind.String, "a quoted attribute name").Text;
            string value = ExpectValue();
            Expect(";", "';' after the default value");
            DbcAttributeDefinition? definition = _attributeDefinitions.Find(d => d.Name == name);
            if (definition == null)
            {
                Warn(keyword.Line, $"default for undefined attribute '{name}' ignored");
                return;
            }

            definition.DefaultValue = value;
        }

        private void ParseAttribute(DbcToken keyword)
        {
            string name = Expect(DbcTokenKind.String, "a quoted attribute name").Text;
            string value;
            if (Peek.Kind == DbcTokenKind.Identifier && Peek.Text is "BU_" or "BO_" or "SG_" or "EV_")
            {
                switch (Next().Text)
                {
                    case "BO_":
                        {
                            MessageBuilder? m = FindMessage(keyword.Line);
                            value = ExpectValue();
                            m?.Attributes.Add(new CanAttributeValue(name, value));
                            break;
                        }

                    case "SG_":
                        {
                            SignalBuilder? s = FindSignal(keyword.Line);
                            value = ExpectValue();
                            s?.Attributes.Add(new CanAttributeValue(name, value));
                            break;
                        }

                    default:
                        Warn(keyword.Line, $"attribute '{name}' on a node or environment variable is not kept");
                        Expect(DbcTokenKind.Identifier, "a node or variable name");
                        ExpectValue();
                        break;
                }
            }
            else
            {
                value = ExpectValue();
                _networkAttributes.Add(new CanAttributeValue(name, value));
            }

            Expect(";", "';' after the attribute value");
        }

        private void ParseValueDescriptions(DbcToken keyword)
        {
            if (Peek.Kind == DbcTokenKind.Identifier)
            {
                Warn(keyword.Line, $"value descriptions of environment variable '{Peek.Text}' are not kept");
                SkipStatement(keyword);
                return;
            }

            SignalBuilder? s = FindSignal(keyword.Line);
            CanValueDescription[] values = ParseValuePairs();
            s?.Values = values;
        }

        private void ParseValueType(DbcToken keyword)
        {
            SignalBuilder? s = FindSignal(keyword.Line);
            if (Peek.Text == ":")
            {
                _pos++; // "SIG_VALTYPE_ id name : 1;" — the colon is optional in files in the wild
            }

            long type = ExpectInteger("the value type (0 integer, 1 float, 2 double)");
            Expect(";", "';' after the value type");
            if (s == null)
            {
                return;
            }

            int needed = type == 1 ? 32 : type == 2 ? 64 : 0;
            if (type is < 0 or > 2)
            {
                Warn(keyword.Line, $"SIG_VALTYPE_ {type} of signal {s.Name} is not 0, 1 or 2; read as an integer");
            }
            else if (needed != 0 && s.LengthBits != needed)
            {
                Warn(keyword.Line, $"signal {s.Name} is {s.LengthBits} bits but SIG_VALTYPE_ {type} needs {needed}; read as an integer");
            }
            else
            {
                s.ValueType = (CanSignalValueType)type;
            }
        }

        private void ParseMultiplexRanges(DbcToken keyword)
        {
            SignalBuilder? s = FindSignal(keyword.Line);
            string multiplexer = Expect(DbcTokenKind.Identifier, "the multiplexer switch name").Text;
            int start = Peek.Start;
            while (Peek.Kind != DbcTokenKind.End && Peek.Text != ";")
            {
                _pos++;
            }

            if (Peek.Kind == DbcTokenKind.End)
            {
                throw new SyntaxError(keyword.Line, "SG_MUL_VAL_ has no closing ';'");
            }

            string ranges = text[start..Peek.Start];
            _pos++;
            var lows = new List<long>();
            var highs = new List<long>();
            foreach (string part in ranges.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                int dash = part.IndexOf('-', 1);
                if (dash < 0
                    || !long.TryParse(part.AsSpan(0, dash).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long low)
                    || !long.TryParse(part.AsSpan(dash + 1).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long high))
                {
                    throw new SyntaxError(keyword.Line, $"bad SG_MUL_VAL_ range '{part}' (expected low-high)");
                }

                lows.Add(low);
                highs.Add(high);
            }

            if (s == null)
            {
                return;
            }

            s.MultiplexerName = multiplexer;
            s.Lows = lows;
            s.Highs = highs;
            s.HasExtendedRanges = true;
        }

        private MessageBuilder? FindMessage(int line)
        {
            uint rawId = (uint)ExpectUnsigned("a message id", uint.MaxValue);
            if (_byId.TryGetValue(rawId, out MessageBuilder? m))
            {
                return m;
            }

            Warn(line, $"refers to message id {rawId}, which is not defined; ignored");
            return null;
        }

        private SignalBuilder? FindSignal(int line)
        {
            MessageBuilder? m = FindMessage(line);
            string name = Expect(DbcTokenKind.Identifier, "a signal name").Text;
            if (m == null)
            {
                return null;
            }

            SignalBuilder? s = m.Signals.Find(x => x.Name == name);
            if (s == null)
            {
                Warn(line, $"refers to signal {name} of message {m.Name}, which is not defined; ignored");
            }

            return s;
        }

        private DbcToken Next() => tokens[_pos].Kind == DbcTokenKind.End ? tokens[_pos] : tokens[_pos++];

        private DbcToken Expect(DbcTokenKind kind, string what)
        {
            DbcToken t = Peek;
            if (t.Kind != kind)
            {
                throw new SyntaxError(t.Line, $"expected {what}, found {Describe(t)}");
            }

            _pos++;
            return t;
        }

        private void Expect(string punctuation, string what)
        {
            DbcToken t = Peek;
            if (t.Kind != DbcTokenKind.Punctuation || t.Text != punctuation)
            {
                throw new SyntaxError(t.Line, $"expected {what}, found {Describe(t)}");
            }

            _pos++;
        }

        private ulong ExpectUnsigned(string what, ulong max)
        {
            DbcToken t = Expect(DbcTokenKind.Number, what);
            if (!ulong.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) || value > max)
            {
                throw new SyntaxError(t.Line, $"expected {what} (a whole number up to {max}), found '{t.Text}'");
            }

            return value;
        }

        private long ExpectInteger(string what)
        {
            DbcToken t = Expect(DbcTokenKind.Number, what);
            if (!long.TryParse(t.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                throw new SyntaxError(t.Line, $"expected {what} (a whole number), found '{t.Text}'");
            }

            return value;
        }

        private double ExpectDouble(string what)
        {
            DbcToken t = Expect(DbcTokenKind.Number, what);
            if (!double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new SyntaxError(t.Line, $"expected {what} (a number), found '{t.Text}'");
            }

            return value;
        }

        private string ExpectValue()
        {
            DbcToken t = Peek;
            if (t.Kind is DbcTokenKind.Number or DbcTokenKind.String or DbcTokenKind.Identifier)
            {
                _pos++;
                return t.Text;
            }

            throw new SyntaxError(t.Line, $"expected an attribute value, found {Describe(t)}");
        }

        private static string Describe(DbcToken t) => t.Kind switch
        {
            DbcTokenKind.End => "the end of the file",
            DbcTokenKind.String => $"the string \"{t.Text}\"",
            _ => $"'{t.Text}'",
        };

        private void Warn(int line, string message) => _warnings.Add(new DbcDiagnostic(fileName, line, message));
    }
}
